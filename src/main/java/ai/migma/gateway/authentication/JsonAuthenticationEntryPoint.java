package ai.migma.gateway.authentication;

import ai.migma.gateway.web.ErrorCode;
import ai.migma.gateway.web.ErrorRenderer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** The 401 of a chain: {@code WWW-Authenticate: Bearer} and the contract's body with a fixed message. */
public final class JsonAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final ErrorRenderer errors;
    private final String message;

    public JsonAuthenticationEntryPoint(ErrorRenderer errors, String message) {
        this.errors = errors;
        this.message = message;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        errors.write(request, response, ErrorCode.UNAUTHORIZED, message);
    }
}
