package ai.migma.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that turns a failure into the error envelope of docs/API.md ("Envelope and errors"): the security
 * entry points and access-denied handlers write through {@link #write}, the controller advice and the error
 * controller return {@link #entity}.
 */
@Component
public final class ErrorRenderer {

    public static final String UNAVAILABLE = "Service unavailable";

    /** A 503 is a passing failure of ours: it always says when to try again. */
    private static final String RETRY_UNAVAILABLE_AFTER_SECONDS = "1";

    private final JsonMapper json;

    public ErrorRenderer(JsonMapper json) {
        this.json = json;
    }

    public ResponseEntity<Object> entity(HttpServletRequest request, ErrorCode code, String message,
            HttpHeaders headers) {
        return entity(code, message, headers, RequestIds.of(request));
    }

    static ResponseEntity<Object> entity(ErrorCode code, String message, HttpHeaders headers, String requestId) {
        // A preset content type wins over the client's Accept header, so an error is JSON even for Accept: text/html.
        ResponseEntity.BodyBuilder response = ResponseEntity.status(code.status()).headers(headers);
        if (code == ErrorCode.SERVICE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, RETRY_UNAVAILABLE_AFTER_SECONDS);
        }
        return response.contentType(MediaType.APPLICATION_JSON).body(ApiError.of(code, message, null, requestId));
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String message)
            throws IOException {
        write(request, response, code, message, null);
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String message,
            Long retryAfter) throws IOException {
        response.setStatus(code.status().value());
        if (code == ErrorCode.SERVICE_UNAVAILABLE) {
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_UNAVAILABLE_AFTER_SECONDS);
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ApiError.of(code, message, retryAfter, RequestIds.of(request)));
    }
}
