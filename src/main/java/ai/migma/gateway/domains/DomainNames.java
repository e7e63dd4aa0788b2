package ai.migma.gateway.domains;

import ai.migma.gateway.web.ApiException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The names a client may give: host names for custom domains, DNS labels for managed prefixes. */
final class DomainNames {

    static final int MAX_LENGTH = 253;
    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    private static final Pattern LABEL_PATTERN = Pattern.compile(LABEL);
    /** At least two labels, the last a top-level domain: letters, or an IDN's punycode form. */
    private static final Pattern HOST = Pattern.compile("(?:" + LABEL + "\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})");

    private DomainNames() {
    }

    static boolean isHostName(String name) {
        return name != null && name.length() <= MAX_LENGTH && HOST.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    static boolean isLabel(String label) {
        return label != null && LABEL_PATTERN.matcher(label).matches();
    }

    /** A custom domain as given in a body: stripped, lower-cased, without a final dot; a 400 unless a host name. */
    static String requireDomain(String raw, String managedParent) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.invalid("domain is required");
        }
        String domain = normalized(raw);
        if (!isHostName(domain)) {
            throw ApiException.invalid("domain must be a host name such as example.com (at most " + MAX_LENGTH
                    + " characters)");
        }
        if (domain.equals(managedParent) || domain.endsWith("." + managedParent)) {
            throw ApiException.invalid("domains under " + managedParent
                    + " are managed domains: create them with POST /v1/domains/managed");
        }
        return domain;
    }

    /** A domain named in a path; one that cannot be a domain names nothing (a 404, as for a malformed id). */
    static Optional<String> pathDomain(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String domain = normalized(raw);
        return isHostName(domain) ? Optional.of(domain) : Optional.empty();
    }

    /** A managed domain's prefix: one DNS label, lower-cased, not one Migma keeps for itself. */
    static String requirePrefix(String raw, List<String> reserved) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.invalid("prefix is required");
        }
        String prefix = raw.strip().toLowerCase(Locale.ROOT);
        if (!isLabel(prefix)) {
            throw ApiException.invalid("prefix must be a DNS label: 1 to 63 letters, digits or hyphens, "
                    + "not starting or ending with a hyphen");
        }
        if (reserved.contains(prefix)) {
            throw ApiException.invalid("prefix " + prefix + " is reserved");
        }
        return prefix;
    }

    private static String normalized(String raw) {
        String name = raw.strip().toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
