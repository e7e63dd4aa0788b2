package ai.migma.gateway.webhooks;

import ai.migma.gateway.GatewayProperties;
import ai.migma.gateway.web.ApiException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where a webhook may point. The gateway POSTs to these URLs from inside its own network, so a URL that reaches a
 * private address would let any key holder probe it: only https to public addresses, plus http or https to
 * loopback when {@code MIGMA_ENVIRONMENT=development} (a receiver on the developer's machine).
 *
 * <p>The host is resolved and judged when the webhook is saved, and again by the delivery's own connection, which
 * connects only to the addresses it judged ({@link #addressesToConnect}): there is no second lookup between the
 * check and the connect for a name to be re-pointed (DNS rebinding) in. An IPv6 address that carries an IPv4 one
 * (mapped, compatible, NAT64, 6to4) is judged by the IPv4 address it carries; IPv6 is otherwise public only in the
 * global unicast range, less the blocks reserved for tunnels (Teredo), documentation and benchmarks.
 */
@Component
final class WebhookUrlPolicy {

    static final int MAX_LENGTH = 2048;

    /** Name resolution, replaceable in tests; production uses the JVM's resolver. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A delivery refused because its host now resolves where webhooks may not go. */
    static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String host) {
            super(host + " does not resolve to an address webhooks may reach");
        }
    }

    private final boolean development;
    private final Resolver resolver;

    @Autowired
    WebhookUrlPolicy(GatewayProperties gateway) {
        this(gateway.environment() == GatewayProperties.Environment.DEVELOPMENT, InetAddress::getAllByName);
    }

    WebhookUrlPolicy(boolean development, Resolver resolver) {
        this.development = development;
        this.resolver = resolver;
    }

    /** The URL when it may be used; otherwise a 400 that says why (the URL is the client's own, safe to name). */
    URI check(String url) {
        URI uri = parse(url);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            // A developer may register a receiver whose name resolves only later (a tunnel, a container not up
            // yet): accepted over https, its deliveries fail and are recorded until it does. Each connection is
            // judged again when it is made, so nothing is reached that could not be registered.
            if (development && uri.getScheme().equalsIgnoreCase("https")) {
                return uri;
            }
            throw ApiException.invalid("url host cannot be resolved");
        }
        if (allLoopback(addresses)) {
            if (!development) {
                throw ApiException.invalid("url must not point to this machine");
            }
            return uri;
        }
        if (uri.getScheme().equalsIgnoreCase("http")) {
            throw ApiException.invalid("url must be an https URL (http only to loopback in development)");
        }
        if (!allPublic(addresses)) {
            throw ApiException.invalid("url must point to a public address");
        }
        return uri;
    }

    /** The checks of {@link #check} that need no lookup. */
    URI parse(String url) {
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
        return uri;
    }

    /**
     * What a delivery's connection resolves {@code host} to: every address it has, when all of them may be reached
     * (public ones, or in development loopback ones), so that the connection goes only where was judged.
     */
    InetAddress[] addressesToConnect(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = resolver.resolve(bare);
        if (development && allLoopback(addresses) || allPublic(addresses)) {
            return addresses;
        }
        throw new RefusedAddressException(host);
    }

    private static boolean allLoopback(InetAddress[] addresses) {
        for (InetAddress address : addresses) {
            if (!address.isLoopbackAddress()) {
                return false;
            }
        }
        return addresses.length > 0;
    }

    private static boolean allPublic(InetAddress[] addresses) {
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return false;
            }
        }
        return addresses.length > 0;
    }

    static boolean isPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicIpv4(bytes, 0);
        }
        int carried = carriedIpv4(bytes);
        if (carried >= 0) {
            return isPublicIpv4(bytes, carried);
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        if ((first & 0xe0) != 0x20) {
            // Outside global unicast 2000::/3: loopback, unspecified, unique local, link local, multicast, the
            // local-use NAT64 prefix 64:ff9b:1::/48 (where the IPv4 address sits depends on the network), ...
            return false;
        }
        return !(first == 0x20 && second == 0x01 && (bytes[2] & 0xfe) == 0) // 2001::/23, Teredo 2001::/32 among them
                && !(first == 0x20 && second == 0x01 && (bytes[2] & 0xff) == 0x0d && (bytes[3] & 0xff) == 0xb8)
                && !(first == 0x3f && second == 0xff && (bytes[2] & 0xf0) == 0); // documentation 3fff::/20
    }

    /**
     * Where an IPv4 address sits in an IPv6 address that carries one, or -1: IPv4-mapped {@code ::ffff:0:0/96} and
     * IPv4-translated {@code ::ffff:0:0:0/96}, IPv4-compatible {@code ::/96}, NAT64 {@code 64:ff9b::/96}, and 6to4
     * {@code 2002::/16} (its first 32 bits after the prefix).
     */
    private static int carriedIpv4(byte[] bytes) {
        if ((bytes[0] & 0xff) == 0x20 && (bytes[1] & 0xff) == 0x02) {
            return 2;
        }
        boolean nat64 = (bytes[0] & 0xff) == 0x00 && (bytes[1] & 0xff) == 0x64 && (bytes[2] & 0xff) == 0xff
                && (bytes[3] & 0xff) == 0x9b && zero(bytes, 4, 12);
        boolean compatible = zero(bytes, 0, 12);
        boolean mapped = zero(bytes, 0, 10) && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
        boolean translated = zero(bytes, 0, 8) && (bytes[8] & 0xff) == 0xff && (bytes[9] & 0xff) == 0xff
                && zero(bytes, 10, 12);
        return nat64 || compatible || mapped || translated ? 12 : -1;
    }

    private static boolean zero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The IPv4 address at {@code at}: not in any special-purpose block (RFC 6890 and its updates). */
    private static boolean isPublicIpv4(byte[] bytes, int at) {
        int a = bytes[at] & 0xff;
        int b = bytes[at + 1] & 0xff;
        int c = bytes[at + 2] & 0xff;
        return a != 0 // "this network"
                && a != 10 && a != 127 // private, loopback
                && !(a == 100 && b >= 64 && b < 128) // carrier-grade NAT, 100.64/10
                && !(a == 169 && b == 254) // link local, cloud metadata services among them
                && !(a == 172 && b >= 16 && b < 32) && !(a == 192 && b == 168) // private
                && !(a == 192 && b == 0 && (c == 0 || c == 2)) // IETF protocol assignments, documentation
                && !(a == 192 && b == 88 && c == 99) // 6to4 relay anycast
                && !(a == 198 && (b == 18 || b == 19)) // benchmarking, 198.18/15
                && !(a == 198 && b == 51 && c == 100) && !(a == 203 && b == 0 && c == 113) // documentation
                && a < 224; // multicast, reserved, broadcast
    }
}
