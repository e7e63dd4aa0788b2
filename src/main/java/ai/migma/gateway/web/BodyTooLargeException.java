package ai.migma.gateway.web;

import java.io.IOException;

/**
 * Thrown while reading a chunked body that grows past its limit ({@link BodySizeLimitFilter}); answered with 413 by
 * the MVC advice, and by the proxy when it meets it while forwarding a body.
 */
public final class BodyTooLargeException extends IOException {

    BodyTooLargeException() {
        super("Request body too large", null);
    }
}
