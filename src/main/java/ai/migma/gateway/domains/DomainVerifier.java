package ai.migma.gateway.domains;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Looks a domain's records up, all at once, and says of each whether DNS holds it. A verification never takes
 * longer than {@code migma.domains.verify-timeout}: a lookup still running then, or failing, or finding nothing,
 * leaves its record pending. Lookups run on a small pool of their own, so slow name servers hold no request
 * threads beyond that bound and cannot make verifications pile up without limit (a full queue is pending too).
 */
@Component
final class DomainVerifier implements DisposableBean {

    static final String VERIFIED = "verified";
    static final String PENDING = "pending";
    static final String FAILED = "failed";
    private static final int THREADS = 8;
    private static final int QUEUE = 200;

    private final DnsResolver resolver;
    private final Duration timeout;
    private final ThreadPoolExecutor lookups;

    @Autowired
    DomainVerifier(DnsResolver resolver, DomainProperties properties) {
        this(resolver, properties.verifyTimeout());
    }

    DomainVerifier(DnsResolver resolver, Duration timeout) {
        this.resolver = resolver;
        this.timeout = timeout;
        AtomicInteger threads = new AtomicInteger();
        this.lookups = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                task -> {
                    Thread thread = new Thread(task, "dns-lookup-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        lookups.allowCoreThreadTimeOut(true);
    }

    /** Each record's status by key: {@code verified}, {@code failed} (DNS holds others) or {@code pending}. */
    Map<String, String> verify(List<DnsRecords.Expected> records) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<DnsRecords.Expected, CompletableFuture<List<String>>> found = new LinkedHashMap<>();
        for (DnsRecords.Expected record : records) {
            try {
                found.put(record, CompletableFuture.supplyAsync(() -> resolver.lookup(record.name(), record.type()),
                        lookups));
            } catch (RejectedExecutionException busy) {
                found.put(record, CompletableFuture.completedFuture(List.of()));
            }
        }
        Map<String, String> statuses = new LinkedHashMap<>();
        found.forEach((record, lookup) -> statuses.put(record.key(), status(record, answer(lookup, deadline))));
        return statuses;
    }

    /** The domain's status from its records': all verified, or any failed, or else still pending. */
    static String overall(Map<String, String> statuses) {
        if (!statuses.isEmpty() && statuses.values().stream().allMatch(VERIFIED::equals)) {
            return VERIFIED;
        }
        return statuses.containsValue(FAILED) ? FAILED : PENDING;
    }

    static String status(DnsRecords.Expected record, List<String> values) {
        if (values.isEmpty()) {
            return PENDING;
        }
        return values.stream().anyMatch(value -> matches(record, value)) ? VERIFIED : FAILED;
    }

    private static boolean matches(DnsRecords.Expected record, String value) {
        String found = value.strip();
        return switch (record.match()) {
            case TEXT -> compact(found).equals(compact(record.value()));
            case SPF_INCLUDE -> {
                List<String> terms = List.of(found.toLowerCase(Locale.ROOT).split("\\s+"));
                yield terms.get(0).equals("v=spf1") && terms.containsAll(Stream.of(record.value().split(" "))
                        .filter(term -> term.startsWith("include:")).toList());
            }
            case DMARC -> found.regionMatches(true, 0, "v=DMARC1", 0, 8);
            // An MX answer is "<preference> <exchange>"; its preference is the domain's business.
            case HOST -> host(found.substring(found.lastIndexOf(' ') + 1)).equals(host(record.value()));
        };
    }

    /** A DKIM record's text without its blanks, nor a final semicolon: "v=DKIM1;k=rsa;p=...". */
    private static String compact(String text) {
        String compact = text.replaceAll("\\s+", "");
        return compact.endsWith(";") ? compact.substring(0, compact.length() - 1) : compact;
    }

    private static String host(String name) {
        String host = name.toLowerCase(Locale.ROOT);
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static List<String> answer(CompletableFuture<List<String>> lookup, long deadline) {
        try {
            return lookup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            lookup.cancel(true);
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    @Override
    public void destroy() {
        lookups.shutdownNow();
    }
}
