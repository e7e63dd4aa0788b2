package ai.migma.gateway.proxy;

import ai.migma.gateway.account.AccountLookup;
import ai.migma.gateway.account.AccountView;
import ai.migma.gateway.apikey.ApiKeyPrincipal;
import ai.migma.gateway.apikey.ApiKeySnapshot;
import ai.migma.gateway.apikey.Permission;
import ai.migma.gateway.web.RequestIds;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/**
 * What an upstream learns of the caller (docs/PROXY.md): the key's account, id, environment, plan and permissions
 * in {@code X-Migma-*} headers, the request id, and the same signed ({@code X-Migma-Assertion}). Whatever the
 * client sent under {@code X-Migma-} (or {@code X_Migma_}) is removed first, so these headers only ever say what the gateway says, and
 * the client's {@code Authorization} (its API key) is removed unless the route forwards it. The values are worked
 * out, and the assertion signed, once per key, route and what they state, then reused for half the assertion's
 * lifetime: a request only looks them up.
 */
@Component
final class CallerIdentity {

    static final String PREFIX = "X-Migma-";
    static final String ACCOUNT_ID = "X-Migma-Account-Id";
    static final String KEY_ID = "X-Migma-Key-Id";
    static final String ENVIRONMENT = "X-Migma-Environment";
    static final String PLAN = "X-Migma-Plan";
    static final String PERMISSIONS = "X-Migma-Permissions";
    static final String ROUTE = "X-Migma-Route";
    static final String ASSERTION = "X-Migma-Assertion";

    /** Which version of which key, on which plan, calls which route: the same caller gets the same headers. */
    private record Caller(ApiKeySnapshot key, String plan, String route) {
    }

    /** The header values of one caller, the assertion among them. */
    private record Stated(String accountId, String environment, String permissions, String assertion) {
    }

    private final AccountLookup accounts;
    private final AssertionSigner signer;
    private final Cache<Caller, Stated> stated;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    CallerIdentity(AccountLookup accounts, AssertionSigner signer) {
        this.accounts = accounts;
        this.signer = signer;
        this.stated = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(signer.reuseFor()).build();
    }

    void apply(HttpHeaders headers, HttpServletRequest request, ProxyRoute route) {
        List<String> claimed = new ArrayList<>();
        for (String name : headers.headerNames()) {
            // X_Migma_Plan too: CGI-style servers (PHP-FPM, Rack, WSGI) read it as X-Migma-Plan.
            if (name.replace('_', '-').regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                claimed.add(name);
            }
        }
        claimed.forEach(headers::remove);
        if (!route.forwardAuthorization()) {
            headers.remove(HttpHeaders.AUTHORIZATION);
        }
        ApiKeyPrincipal principal = ApiKeyPrincipal.of(contexts.getContext().getAuthentication());
        if (principal == null) {
            // The API chain answers every request without a valid key before it reaches a route.
            throw new IllegalStateException("No API key authentication before the proxy");
        }
        ApiKeySnapshot key = principal.key();
        AccountView account = accounts.find(key.accountId());
        String plan = account.plan().wireName();
        Stated caller = stated.get(new Caller(key, plan, route.id()), ignored -> state(key, plan, route));
        headers.set(ACCOUNT_ID, caller.accountId());
        headers.set(KEY_ID, key.keyId());
        headers.set(ENVIRONMENT, caller.environment());
        headers.set(PLAN, plan);
        headers.set(PERMISSIONS, caller.permissions());
        headers.set(ROUTE, route.id());
        headers.set(RequestIds.HEADER, RequestIds.of(request));
        headers.set(ASSERTION, caller.assertion());
    }

    private Stated state(ApiKeySnapshot key, String plan, ProxyRoute route) {
        return new Stated(key.accountId().toString(), key.environment().wireName(), key.permissions().stream()
                .sorted().map(Permission::scope).collect(Collectors.joining(",")),
                signer.assertion(key, plan, route.id()));
    }
}
