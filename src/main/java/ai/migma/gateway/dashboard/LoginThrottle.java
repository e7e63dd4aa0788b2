package ai.migma.gateway.dashboard;

import ai.migma.gateway.web.ClientAddresses;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows password guessing, following OWASP's authentication advice: every login attempt is paid for before the
 * password is checked, atomically, from three token buckets, and an attempt that finds any of them empty is refused
 * without a check. Concurrent attempts therefore never check more passwords than the budgets hold. A login that
 * succeeds gets its tokens back, so only failures cost anything. The buckets refill continuously: a person who
 * mistyped waits seconds, a script guessing waits forever.
 *
 * <ul>
 * <li>(email, client), 5 a minute: the tight one, one client guessing one account.</li>
 * <li>client, 20 a minute: one client trying many accounts. A client is an address, an IPv6 /64 as a whole.</li>
 * <li>email, 30 a minute: the ceiling on a distributed attack on one account, at most 43,200 guesses a day against a
 * bcrypt hash. It refills six times as fast as one client may spend on the email, so a stranger cannot keep the
 * owner out from one client, nor from six; it takes seven or more clients guessing without pause, and the owner is
 * back in within two seconds of them stopping. That is the trade-off: a lower ceiling bounds guessing harder and
 * makes the lock-out cheaper.</li>
 * </ul>
 */
@Component
final class LoginThrottle {

    static final String LOGIN = "/dashboard/login";
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    /** The buckets an attempt paid into, kept on the request so a success can give them back. */
    private static final String PAID = LoginThrottle.class.getName() + ".paid";

    private final DashboardProperties properties;
    private final ClientAddresses clients;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    LoginThrottle(DashboardProperties properties, ClientAddresses clients) {
        this.properties = properties;
        this.clients = clients;
    }

    /** Pays for a login POST before the password is checked, or refuses it when a budget is spent. */
    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !("POST".equals(request.getMethod()) && LOGIN.equals(request.getServletPath()));
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                String email = email(request);
                String client = clients.budgetKeyOf(request);
                List<Bucket> paid = new ArrayList<>(3);
                if (!pay(paid, "pair:" + client + ' ' + email, properties.loginFailuresPerPair())
                        || !pay(paid, "address:" + client, properties.loginFailuresPerAddress())
                        || !pay(paid, "email:" + email, properties.loginFailuresPerEmail())) {
                    // Refused as a whole: what this attempt took from the other budgets goes back.
                    paid.forEach(bucket -> bucket.addTokens(1));
                    response.sendRedirect(request.getContextPath() + LOGIN + "?throttled");
                    return;
                }
                request.setAttribute(PAID, paid);
                chain.doFilter(request, response);
            }
        };
    }

    /** The attempt was right: it gets back what it paid, then goes where a login goes. */
    AuthenticationSuccessHandler successHandler(String home) {
        SimpleUrlAuthenticationSuccessHandler then = new SimpleUrlAuthenticationSuccessHandler(home);
        then.setAlwaysUseDefaultTargetUrl(true);
        return (HttpServletRequest request, HttpServletResponse response, Authentication authentication) -> {
            if (request.getAttribute(PAID) instanceof List<?> paid) {
                paid.forEach(bucket -> ((Bucket) bucket).addTokens(1));
            }
            then.onAuthenticationSuccess(request, response, authentication);
        };
    }

    AuthenticationFailureHandler failureHandler() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) -> {
            log.info("Failed dashboard login from {}", clients.of(request));
            response.sendRedirect(request.getContextPath() + LOGIN + "?error");
        };
    }

    private boolean pay(List<Bucket> paid, String key, int perMinute) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder().addLimit(Bandwidth.builder().capacity(perMinute)
                .refillGreedy(perMinute, Duration.ofMinutes(1)).build()).build());
        if (!bucket.tryConsume(1)) {
            return false;
        }
        paid.add(bucket);
        return true;
    }

    private static String email(HttpServletRequest request) {
        String email = request.getParameter("username");
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
