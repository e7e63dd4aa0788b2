package ai.migma.gateway.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Body limits of routes that differ from {@code migma.http.max-body-size}: a proxy route streams its bodies, so its
 * limit is its own (unlimited unless set).
 */
public interface RequestBodyLimits {

    /** The largest body {@code request} may carry, or {@code -1} when the general limit applies. */
    long limitFor(HttpServletRequest request);
}
