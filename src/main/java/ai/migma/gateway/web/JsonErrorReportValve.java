package ai.migma.gateway.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's last word on errors it raises before any servlet runs (a header or request line too large, bytes that
 * are not HTTP): the contract's JSON envelope instead of Tomcat's HTML page, since clients parse every body.
 * Tomcat creates this valve by class name, outside Spring, hence its own mapper; the envelope is the same record.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String message = status >= 500 || known == null ? "Request failed" : known.getReasonPhrase();
        String requestId = RequestIds.chooseFor(null);
        try {
            response.setHeader(RequestIds.HEADER, requestId);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(JSON.writeValueAsString(
                    ApiError.of(ErrorCode.forStatus(status), message, null, requestId)));
            response.finishResponse();
        } catch (IOException | IllegalStateException ignored) {
            // The connection is going away; there is no one left to tell.
        }
    }
}
