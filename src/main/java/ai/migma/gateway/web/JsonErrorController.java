package ai.migma.gateway.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's whitelabel and JSON error pages: errors that never reach a controller (a filter that throws, a
 * request the security firewall rejects, an error the container raises) still end in the contract's envelope.
 */
@RestController
final class JsonErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(JsonErrorController.class);

    private final ErrorRenderer errors;

    JsonErrorController(ErrorRenderer errors) {
        this.errors = errors;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Object> error(HttpServletRequest request) {
        // Without the container's error attributes this is no error dispatch but a client asking for /error itself.
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status >= 500 && failure instanceof Throwable throwable) {
            log.error("Error on {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), throwable);
        }
        HttpStatus known = HttpStatus.resolve(status);
        String message = status == 404 ? "Not found" : status >= 500 ? "Internal server error"
                : known == null ? "Request failed" : known.getReasonPhrase();
        return errors.entity(request, ErrorCode.forStatus(status), message, HttpHeaders.EMPTY);
    }
}
