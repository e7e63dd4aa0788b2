package ai.migma.gateway.webhooks;

import ai.migma.gateway.web.ApiException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The headers a webhook's owner may add to its deliveries (the SDK's {@code customHeaders}): names that are HTTP
 * tokens, values without control characters, and none that would change how the request travels (hop-by-hop and
 * framing headers) or what it claims (the signature and event headers the gateway sets itself).
 */
final class CustomHeaders {

    static final int MAX_HEADERS = 10;
    private static final int MAX_NAME = 64;
    private static final int MAX_VALUE = 1024;
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7e\\t]*");
    private static final Set<String> REFUSED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "content-length", "content-type", "content-encoding", "expect", "user-agent", "cookie");

    private CustomHeaders() {
    }

    /** {@code headers} checked, in the order given; {@code null} stays {@code null} (nothing to change). */
    static Map<String, String> check(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        if (headers.size() > MAX_HEADERS) {
            throw ApiException.invalid("customHeaders may hold at most " + MAX_HEADERS + " headers");
        }
        Map<String, String> checked = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        int index = 0;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            // Names and values are the client's own text: errors say which entry, not what it holds.
            if (name.length() > MAX_NAME || !TOKEN.matcher(name).matches()) {
                throw ApiException.invalid("customHeaders entry " + index + " has a name that is not an HTTP token");
            }
            if (REFUSED.contains(lower) || lower.startsWith("x-migma-") || lower.startsWith("proxy-")) {
                throw ApiException.invalid("customHeaders entry " + index
                        + " names a header the gateway sets or that changes how the request travels");
            }
            if (!seen.add(lower)) {
                throw ApiException.invalid("customHeaders entry " + index + " repeats a header name");
            }
            String value = header.getValue();
            if (value == null || value.length() > MAX_VALUE || !VALUE.matcher(value).matches()) {
                throw ApiException.invalid("customHeaders entry " + index + " needs a value of at most " + MAX_VALUE
                        + " printable ASCII characters");
            }
            checked.put(name, value);
            index++;
        }
        return checked;
    }
}
