package ai.migma.gateway.security;

import ai.migma.gateway.web.ErrorCode;
import ai.migma.gateway.web.ErrorRenderer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** The 403 of a chain, with the contract's body and a fixed message. */
final class JsonAccessDeniedHandler implements AccessDeniedHandler {

    private final ErrorRenderer errors;
    private final String message;

    JsonAccessDeniedHandler(ErrorRenderer errors, String message) {
        this.errors = errors;
        this.message = message;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        errors.write(request, response, ErrorCode.FORBIDDEN, message);
    }
}
