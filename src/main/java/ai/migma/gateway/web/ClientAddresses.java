package ai.migma.gateway.web;

import ai.migma.gateway.GatewayProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The address a request comes from, for per-client budgets. {@code X-Forwarded-For} is believed only when the
 * socket peer is a configured proxy, and then read from the right: each trusted proxy appends the address it saw,
 * so the first untrusted entry from the right is the client, whatever a client wrote at the left.
 */
@Component
public final class ClientAddresses {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("(?=.*:)[0-9A-Fa-f:.]{2,45}");

    private final List<IpAddressMatcher> trustedProxies;

    public ClientAddresses(GatewayProperties gateway) {
        this.trustedProxies = gateway.trustedProxies().stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(IpAddressMatcher::new).toList();
    }

    /**
     * Whose budget a request spends (failed authentications, dashboard logins): the address for IPv4, the /64 for
     * IPv6, since one subscriber commonly holds a whole /64 and could otherwise take a fresh budget per address.
     */
    public String budgetKeyOf(HttpServletRequest request) {
        return budgetKey(of(request));
    }

    static String budgetKey(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        byte[] bytes;
        try {
            // A literal (checked by the caller or written by the servlet container): parsed, never resolved.
            bytes = InetAddress.getByName(address.startsWith("[") ? address : "[" + address + "]").getAddress();
        } catch (UnknownHostException notALiteral) {
            return address;
        }
        try {
            if (bytes.length == 4) {
                return InetAddress.getByAddress(bytes).getHostAddress(); // IPv4-mapped: the IPv4 client it maps
            }
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("4 or 16 bytes are always an address", impossible);
        }
    }

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (trustedProxies.isEmpty() || !trusted(peer)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!isAddress(hop)) {
                // Garbage where an address should be: no proxy of ours wrote it, so stop believing the header here.
                return i == hops.length - 1 ? peer : hops[i + 1].strip();
            }
            if (!trusted(hop)) {
                return hop;
            }
        }
        return hops[0].strip();
    }

    private boolean trusted(String address) {
        for (IpAddressMatcher proxy : trustedProxies) {
            try {
                if (proxy.matches(address)) {
                    return true;
                }
            } catch (IllegalArgumentException notAnAddress) {
                return false;
            }
        }
        return false;
    }

    /** A literal IPv4 or IPv6 address; never a host name, which would cost a DNS lookup per request. */
    private static boolean isAddress(String candidate) {
        return IPV4.matcher(candidate).matches() || IPV6.matcher(candidate).matches();
    }
}
