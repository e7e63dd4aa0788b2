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
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows password guessing: each failed login takes a token from the email's bucket and from the client address's;
 * while either is empty, logins for it are refused before the password is even checked. Buckets refill
 * continuously, so a person who mistyped waits seconds, a script guessing waits forever. Successful logins cost
 * nothing.
 */
@Component
final class LoginThrottle {

    static final String LOGIN = "/dashboard/login";
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final DashboardProperties properties;
    private final ClientAddresses clients;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    LoginThrottle(DashboardProperties properties, ClientAddresses clients) {
        this.properties = properties;
        this.clients = clients;
    }

    /** Refuses a login POST while its email or address has no failures left. */
    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !("POST".equals(request.getMethod()) && LOGIN.equals(request.getServletPath()));
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                if (exhausted(emailKey(request)) || exhausted(addressKey(request))) {
                    response.sendRedirect(request.getContextPath() + LOGIN + "?throttled");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    AuthenticationFailureHandler failureHandler() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) -> {
            bucket(emailKey(request)).tryConsume(1);
            bucket(addressKey(request)).tryConsume(1);
            log.info("Failed dashboard login from {}", clients.of(request));
            response.sendRedirect(request.getContextPath() + LOGIN + "?error");
        };
    }

    private boolean exhausted(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        return bucket != null && bucket.getAvailableTokens() < 1;
    }

    private Bucket bucket(String key) {
        return buckets.get(key, k -> {
            int perMinute = k.startsWith("email:") ? properties.loginFailuresPerEmail()
                    : properties.loginFailuresPerAddress();
            return Bucket.builder().addLimit(Bandwidth.builder().capacity(perMinute)
                    .refillGreedy(perMinute, Duration.ofMinutes(1)).build()).build();
        });
    }

    private static String emailKey(HttpServletRequest request) {
        String email = request.getParameter("username");
        return "email:" + (email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
    }

    private String addressKey(HttpServletRequest request) {
        return "address:" + clients.of(request);
    }
}
