package ai.migma.gateway.security;

import ai.migma.gateway.apikey.ApiKeyHasher;
import ai.migma.gateway.authentication.BearerTokens;
import ai.migma.gateway.authentication.RefusedTokenException;
import ai.migma.gateway.web.ErrorCode;
import ai.migma.gateway.web.ErrorRenderer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the admin API by {@code MIGMA_ADMIN_TOKEN}. Both sides are hashed before {@link MessageDigest#isEqual}
 * so the comparison takes the same time whatever the length or content of what a client sends.
 */
final class AdminTokenFilter extends OncePerRequestFilter {

    static final String ROLE = "ROLE_ADMIN";

    private final byte[] expectedDigest;
    private final String actor;
    private final AuthenticationEntryPoint entryPoint;
    private final ErrorRenderer errors;
    private final boolean optional;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    /**
     * For routes that are public but show more to the operator: a valid token authenticates, and anything else,
     * no token or a wrong one, goes on unauthenticated rather than being refused.
     */
    static AdminTokenFilter optional(String adminToken) {
        return new AdminTokenFilter(adminToken, null, null, true);
    }

    /** With a blank {@code adminToken} every call is refused: a closed admin API is the safe default. */
    AdminTokenFilter(String adminToken, AuthenticationEntryPoint entryPoint, ErrorRenderer errors) {
        this(adminToken, entryPoint, errors, false);
    }

    private AdminTokenFilter(String adminToken, AuthenticationEntryPoint entryPoint, ErrorRenderer errors,
            boolean optional) {
        this.expectedDigest = adminToken == null || adminToken.isBlank() ? null : sha256(adminToken);
        // The audit log names the token by a fingerprint: enough to tell a rotated token apart, useless to a thief.
        this.actor = expectedDigest == null ? null : "admin:" + HexFormat.of().formatHex(expectedDigest, 0, 4);
        this.entryPoint = entryPoint;
        this.errors = errors;
        this.optional = optional;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (expectedDigest == null) {
            if (optional) {
                chain.doFilter(request, response);
            } else {
                errors.write(request, response, ErrorCode.FORBIDDEN,
                        "The admin API is disabled: MIGMA_ADMIN_TOKEN is not set");
            }
            return;
        }
        String token = BearerTokens.resolve(request);
        if (token == null || !MessageDigest.isEqual(expectedDigest, sha256(token))) {
            if (optional) {
                chain.doFilter(request, response);
            } else {
                entryPoint.commence(request, response, new RefusedTokenException("bad admin token"));
            }
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(actor, null,
                List.of(new SimpleGrantedAuthority(ROLE))));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }

    private static byte[] sha256(String token) {
        return ApiKeyHasher.hash(token);
    }
}
