package ai.migma.gateway.validation;

import ai.migma.gateway.validation.Recommendations.Advice;
import ai.migma.gateway.validation.Recommendations.Priority;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.nodes.Element;
import org.springframework.stereotype.Component;

/**
 * A rule-based stand-in for Migma's inbox placement prediction: each signal read from the HTML, the subject and the
 * sender adds a fixed number of points to a spam score out of 100, and the category follows from that score and
 * from how promotional or transactional the words are. No model, no sampling: the same email, the same answer.
 */
@Component
final class DeliverabilityAnalyzer {

    static final String PHRASES = "/validation/spam-phrases.txt";
    /** Gmail shows "[Message clipped]" past 102 KB of HTML, hiding what follows (often the unsubscribe link). */
    static final int GMAIL_CLIP_BYTES = 102 * 1024;
    /** At or above this spam score the email is predicted to land in spam. */
    static final int SPAM_THRESHOLD = 50;
    private static final int WORDS_PER_IMAGE = 20;
    private static final Set<String> FREE_MAIL = Set.of("gmail.com", "googlemail.com", "yahoo.com", "hotmail.com",
            "outlook.com", "live.com", "aol.com", "icloud.com", "me.com", "gmx.com", "mail.com", "proton.me",
            "protonmail.com", "yandex.com");
    private static final List<String> PROMOTIONAL = List.of("sale", "discount", "coupon", "promo code", "shop now",
            "buy now", "free shipping", "limited time", "deal", "deals", "offer", "exclusive", "new arrivals",
            "clearance", "save", "black friday", "cyber monday", "bestseller", "last chance", "ends tonight");
    private static final List<String> TRANSACTIONAL = List.of("your order", "order number", "receipt", "invoice",
            "password", "verification code", "verify your", "confirm your", "has shipped", "tracking number",
            "payment received", "your account", "booking", "reservation", "security alert", "sign-in attempt",
            "renewal");
    private static final List<String> ENGAGEMENT = List.of("reply", "let us know", "feedback", "survey", "rsvp",
            "register", "webinar", "join us", "share", "questions?");
    private static final Pattern PERCENT_OFF = Pattern.compile("\\b\\d{1,2}\\s?% off\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern PRICE = Pattern.compile("[$€£]\\s?\\d");
    private static final Pattern UNSUBSCRIBE = Pattern.compile("unsub|opt[ -]?out|manage (your )?preferences",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CAPS_WORD = Pattern.compile("\\b\\p{Lu}{4,}\\b");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern FAKE_REPLY = Pattern.compile("^\\s*(re|fwd?)\\s*:", Pattern.CASE_INSENSITIVE);
    private static final Pattern WEB_HOST = Pattern.compile("^https?://([^/?#:]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PROMOTIONAL_WORDS = phrasePattern(PROMOTIONAL);
    private static final Pattern TRANSACTIONAL_WORDS = phrasePattern(TRANSACTIONAL);
    private static final Pattern ENGAGEMENT_WORDS = phrasePattern(ENGAGEMENT);

    private final Pattern spamPhrases;

    DeliverabilityAnalyzer() {
        this.spamPhrases = phrasePattern(readPhrases());
    }

    /** What the analysis reads besides the HTML; each may be absent. */
    record Sender(String subject, String fromName, String fromEmail) {
    }

    public record Prediction(String category, double confidence, int score, String reasoning) {
    }

    public record ContentSignals(List<String> promotional, List<String> transactional, List<String> spam,
            List<String> engagement) {
    }

    public record SpamScore(int score, int maxScore, List<String> triggers, List<String> recommendations) {
    }

    public record Metadata(long processingTime, String analysisType, int htmlSizeBytes, int gmailClipBytes,
            int wordCount, int imageCount, int imagesWithoutAlt, boolean unsubscribeLink) {

        Metadata timed(long time) {
            return new Metadata(time, analysisType, htmlSizeBytes, gmailClipBytes, wordCount, imageCount,
                    imagesWithoutAlt, unsubscribeLink);
        }
    }

    /** The SDK's {@code DeliverabilityResponse}. */
    public record Report(Prediction prediction, ContentSignals contentSignals, SpamScore spamScore,
            Recommendations recommendations, Metadata metadata) {
    }

    /** The report without its processing time, and its advice with tiers for {@code /validate/all}. */
    record Result(Prediction prediction, ContentSignals signals, SpamScore spamScore, List<Advice> advice,
            Metadata metadata) {

        Report report(long processingTime) {
            return new Report(prediction, signals, spamScore, Recommendations.of(advice),
                    metadata.timed(processingTime));
        }
    }

    /** One signal that counts against the email: its description, its points and what to do about it. */
    private record Trigger(String description, int points, Priority priority, String advice) {
    }

    Result analyze(EmailHtml email, Sender sender) {
        String subject = sender.subject() == null ? "" : sender.subject();
        String body = email.visibleText();
        String words = (subject + "\n" + body).toLowerCase(Locale.ROOT);
        List<Trigger> triggers = new ArrayList<>();

        List<String> spam = found(spamPhrases, subject + "\n" + body);
        if (!spam.isEmpty()) {
            triggers.add(new Trigger("spam phrases: " + String.join(", ", spam), Math.min(40, 8 * spam.size()),
                    spam.size() > 2 ? Priority.CRITICAL : Priority.IMPORTANT,
                    "Reword the phrases spam filters look for: " + String.join(", ", spam)));
        }
        boolean unsubscribe = hasUnsubscribeLink(email);
        if (!unsubscribe) {
            triggers.add(new Trigger("no unsubscribe link", 20, Priority.CRITICAL, "Add an unsubscribe link: "
                    + "Gmail and Yahoo require one-click unsubscribe from bulk senders, and readers without one "
                    + "press \"Report spam\" instead"));
        }
        if (email.sizeBytes() > GMAIL_CLIP_BYTES) {
            triggers.add(new Trigger("HTML of " + email.sizeBytes() + " bytes, over Gmail's 102 KB clipping limit",
                    10, Priority.IMPORTANT, "Reduce the HTML below 102 KB (it is " + email.sizeBytes()
                    + " bytes): Gmail clips the rest, unsubscribe link included"));
        }
        List<Element> images = email.document().select("img");
        int wordCount = count(WORD, body);
        if (!images.isEmpty() && wordCount < WORDS_PER_IMAGE) {
            triggers.add(new Trigger("image-only email (" + images.size() + " images, " + wordCount + " words)", 25,
                    Priority.CRITICAL, "Put the message in text as well as in images: filters cannot read an "
                    + "image-only email and many readers block images"));
        } else if (!images.isEmpty() && wordCount < WORDS_PER_IMAGE * images.size()) {
            triggers.add(new Trigger("low text to image ratio (" + wordCount + " words for " + images.size()
                    + " images)", 10, Priority.IMPORTANT, "Add text: aim for at least " + WORDS_PER_IMAGE
                    + " words per image"));
        }
        long shortened = email.document().select("a[href]").stream().map(a -> host(a.attr("href")))
                .filter(LinkChecker.SHORTENERS::contains).count();
        if (shortened > 0) {
            triggers.add(new Trigger("links through URL shorteners", 10, Priority.IMPORTANT,
                    "Link to your own domain rather than through a URL shortener"));
        }
        if (!email.document().select("script, form, iframe, object, embed").isEmpty()) {
            triggers.add(new Trigger("scripts, forms or embedded objects", 10, Priority.IMPORTANT,
                    "Remove scripts, forms, frames and embedded objects, which clients strip and filters distrust"));
        }
        List<String> capsWords = found(CAPS_WORD, body);
        if (capsWords.size() >= 5) {
            triggers.add(new Trigger(capsWords.size() + " different words in capitals in the text", 5,
                    Priority.SUGGESTED, "Write fewer words in capitals"));
        }
        if (body.contains("!!!") || body.chars().filter(c -> c == '!').count() > 10) {
            triggers.add(new Trigger("many exclamation marks in the text", 5, Priority.SUGGESTED,
                    "Use fewer exclamation marks"));
        }
        subjectTriggers(sender.subject(), triggers);
        senderTriggers(sender, triggers);

        int spamScore = Math.min(100, triggers.stream().mapToInt(Trigger::points).sum());
        ContentSignals signals = new ContentSignals(signals(words, PROMOTIONAL_WORDS, PERCENT_OFF, PRICE),
                signals(words, TRANSACTIONAL_WORDS), spam, engagement(email, words));
        List<Advice> advice = new ArrayList<>(triggers.stream().map(t -> new Advice(t.priority(), t.advice()))
                .toList());
        int imagesWithoutAlt = email.document().select("img:not([alt])").size();
        if (imagesWithoutAlt > 0) {
            advice.add(new Advice(Priority.SUGGESTED, "Give " + LinkChecker.plural(imagesWithoutAlt, "image")
                    + " alt text, shown when images are blocked"));
        }
        Prediction prediction = predict(spamScore, signals, triggers);
        if (prediction.category().equals("promotions")) {
            advice.add(new Advice(Priority.SUGGESTED, "Expect the Promotions tab in Gmail: the text is mostly "
                    + "offers; a personal, plain-text tone moves an email toward the primary inbox"));
        }
        return new Result(prediction, signals, new SpamScore(spamScore, 100,
                triggers.stream().map(Trigger::description).toList(),
                triggers.stream().map(Trigger::advice).toList()), advice,
                new Metadata(0, "rule-based", email.sizeBytes(), GMAIL_CLIP_BYTES, wordCount, images.size(),
                        imagesWithoutAlt, unsubscribe));
    }

    private void subjectTriggers(String subject, List<Trigger> triggers) {
        if (subject == null) {
            return;
        }
        if (subject.isBlank()) {
            triggers.add(new Trigger("empty subject line", 15, Priority.CRITICAL, "Write a subject line"));
            return;
        }
        long letters = subject.chars().filter(Character::isLetter).count();
        long capitals = subject.chars().filter(Character::isUpperCase).count();
        if (letters >= 4 && capitals * 10 >= letters * 7) {
            triggers.add(new Trigger("subject in capitals", 10, Priority.IMPORTANT,
                    "Write the subject in sentence case, not in capitals"));
        }
        if (subject.chars().filter(c -> c == '!').count() >= 2) {
            triggers.add(new Trigger("exclamation marks in the subject", 10, Priority.IMPORTANT,
                    "Use at most one exclamation mark in the subject"));
        }
        if (FAKE_REPLY.matcher(subject).find()) {
            triggers.add(new Trigger("subject poses as a reply or forward", 10, Priority.IMPORTANT,
                    "Drop the RE:/FW: prefix: the email is not a reply"));
        }
        if (subject.length() > 100) {
            triggers.add(new Trigger("subject longer than 100 characters", 0, Priority.SUGGESTED,
                    "Shorten the subject: inboxes show about 60 characters"));
        }
    }

    private static void senderTriggers(Sender sender, List<Trigger> triggers) {
        if (sender.fromEmail() != null) {
            String address = sender.fromEmail().toLowerCase(Locale.ROOT);
            String domain = address.substring(address.indexOf('@') + 1);
            if (FREE_MAIL.contains(domain)) {
                triggers.add(new Trigger("sent from a free mailbox domain (" + domain + ")", 15, Priority.CRITICAL,
                        "Send from your own domain with SPF, DKIM and DMARC: " + domain
                        + "'s DMARC policy fails mail sent through other servers"));
            }
            if (address.matches("(no-?reply|do-?not-?reply)@.*")) {
                triggers.add(new Trigger("no-reply sender address", 3, Priority.SUGGESTED,
                        "Send from an address that accepts replies; replies are a signal of engagement"));
            }
        }
        String name = sender.fromName();
        if (name != null && name.chars().filter(Character::isLetter).count() >= 4
                && name.chars().filter(Character::isLetter).allMatch(Character::isUpperCase)) {
            triggers.add(new Trigger("sender name in capitals", 5, Priority.SUGGESTED,
                    "Write the sender name as your brand writes it, not in capitals"));
        }
    }

    private static Prediction predict(int spamScore, ContentSignals signals, List<Trigger> triggers) {
        int promotional = signals.promotional().size();
        int transactional = signals.transactional().size();
        String because = triggers.isEmpty() ? "no spam signals"
                : "spam score " + spamScore + "/100 from " + triggers.stream().map(Trigger::description)
                        .collect(Collectors.joining("; "));
        if (spamScore >= SPAM_THRESHOLD) {
            return new Prediction("spam", round(Math.min(0.95, 0.5 + (spamScore - SPAM_THRESHOLD) / 100.0)),
                    100 - spamScore, "Likely filtered as spam: " + because + ".");
        }
        if (promotional >= 2 && promotional > transactional) {
            return new Prediction("promotions", round(Math.min(0.9, 0.5 + 0.1 * (promotional - transactional))),
                    100 - spamScore, "Promotional wording (" + String.join(", ", signals.promotional())
                    + ") outweighs transactional wording; " + because + ".");
        }
        return new Prediction("inbox", round(Math.min(0.95, 0.6 + (SPAM_THRESHOLD - spamScore) / 200.0
                + 0.05 * transactional)), 100 - spamScore, (transactional > 0 ? "Transactional wording ("
                + String.join(", ", signals.transactional()) + "); " : "Little promotional wording; ") + because
                + ".");
    }

    private static double round(double confidence) {
        return Math.round(confidence * 100) / 100.0;
    }

    /** An unsubscribe link: its URL or text says so, or a merge tag the platform fills with one. */
    private static boolean hasUnsubscribeLink(EmailHtml email) {
        return email.document().select("a[href]").stream()
                .anyMatch(a -> UNSUBSCRIBE.matcher(a.attr("href")).find() || UNSUBSCRIBE.matcher(a.text()).find());
    }

    private static List<String> engagement(EmailHtml email, String words) {
        List<String> all = new ArrayList<>(signals(words, ENGAGEMENT_WORDS));
        Matcher tag = LinkChecker.MERGE_TAG.matcher(email.visibleText());
        if (tag.find()) {
            all.add("personalization: " + tag.group());
        }
        return all;
    }

    private static List<String> signals(String words, Pattern... patterns) {
        Set<String> found = new LinkedHashSet<>();
        for (Pattern pattern : patterns) {
            found.addAll(found(pattern, words));
        }
        return List.copyOf(found);
    }

    /** Each distinct match, lower-cased, in the order first seen. */
    private static List<String> found(Pattern pattern, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(found);
    }

    private static int count(Pattern pattern, String text) {
        return (int) pattern.matcher(text).results().count();
    }

    private static String host(String url) {
        Matcher m = WEB_HOST.matcher(url.strip());
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    }

    /** Whole-word, case-insensitive alternation of the phrases, longest first so "free gift" beats "free". */
    private static Pattern phrasePattern(List<String> phrases) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])(" + phrases.stream()
                .sorted((a, b) -> b.length() - a.length()).map(Pattern::quote).collect(Collectors.joining("|"))
                + ")(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static List<String> readPhrases() {
        try (InputStream in = DeliverabilityAnalyzer.class.getResourceAsStream(PHRASES)) {
            if (in == null) {
                throw new IllegalStateException(PHRASES + " is missing from the classpath");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
