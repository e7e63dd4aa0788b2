package ai.migma.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** Where a request's id is kept once {@link RequestIdFilter} has chosen it. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";

    static final String ATTRIBUTE = RequestIds.class.getName();

    /** An id a client sends is kept (tracing across hops) only if it cannot smuggle anything into headers or logs. */
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    public static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id instanceof String s ? s : null;
    }

    /** The id of the request bound to this thread by Spring MVC, for controllers that build an envelope. */
    public static String current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes == null ? null
                : (String) attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    }

    static String chooseFor(String offered) {
        if (offered != null && ACCEPTABLE.matcher(offered).matches()) {
            return offered;
        }
        // Not a UUID: UUID.randomUUID() draws from SecureRandom, which is needless contention on every request.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "req_" + Long.toHexString(random.nextLong() | Long.MIN_VALUE)
                + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
}
