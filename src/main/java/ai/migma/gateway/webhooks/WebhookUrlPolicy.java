package ai.migma.gateway.webhooks;

import ai.migma.gateway.GatewayProperties;
import ai.migma.gateway.web.ApiException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Where a webhook may point. The gateway POSTs to these URLs from inside its own network, so a URL that reaches a
 * private address would let any key holder probe it: only https to public addresses, plus http or https to
 * loopback when {@code MIGMA_ENVIRONMENT=development} (a receiver on the developer's machine). The host is resolved
 * when the webhook is saved and again before every delivery, so a name that later points inward is refused too.
 */
@Component
final class WebhookUrlPolicy {

    static final int MAX_LENGTH = 2048;

    private final boolean development;

    WebhookUrlPolicy(GatewayProperties gateway) {
        this.development = gateway.environment() == GatewayProperties.Environment.DEVELOPMENT;
    }

    /** The URL when it may be used; otherwise a 400 that says why (the URL is the client's own, safe to name). */
    URI check(String url) {
        if (url == null || url.isBlank()) {
            throw ApiException.invalid("url must not be blank");
        }
        if (url.length() > MAX_LENGTH) {
            throw ApiException.invalid("url must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw ApiException.invalid("url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw ApiException.invalid("url must be an https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw ApiException.invalid("url must be an absolute URL with a host and no user info or fragment");
        }
        boolean loopback = resolvesOnlyTo(uri.getHost(), Kind.LOOPBACK);
        if (loopback) {
            if (!development) {
                throw ApiException.invalid("url must not point to this machine");
            }
            return uri;
        }
        if (scheme.equals("http")) {
            throw ApiException.invalid("url must be an https URL (http only to loopback in development)");
        }
        if (!resolvesOnlyTo(uri.getHost(), Kind.PUBLIC)) {
            throw ApiException.invalid("url must point to a public address");
        }
        return uri;
    }

    /** {@link #check} for a URL already stored: false instead of an exception, for the delivery loop. */
    boolean allows(String url) {
        try {
            check(url);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    private enum Kind { LOOPBACK, PUBLIC }

    private static boolean resolvesOnlyTo(String host, Kind kind) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw ApiException.invalid("url host cannot be resolved");
        }
        for (InetAddress address : addresses) {
            boolean matches = kind == Kind.LOOPBACK ? address.isLoopbackAddress() : isPublic(address);
            if (!matches) {
                return false;
            }
        }
        return addresses.length > 0;
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first != 0 // "this network"
                    && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT, 100.64/10
                    && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking, 198.18/15
                    && first < 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = bytes[0] & 0xff;
            // Unique local fc00::/7; IPv4-mapped addresses were turned into Inet4Address by the resolver.
            return (first & 0xfe) != 0xfc;
        }
        return false;
    }
}
