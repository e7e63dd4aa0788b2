package ai.migma.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.TransactionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;

/**
 * Renders every exception that reaches Spring MVC as the contract's error envelope. Spring's own exceptions (404,
 * 405, 415, unreadable bodies, ...) arrive through {@link #handleExceptionInternal}; messages name the offending
 * field or parameter but never repeat the value a client sent, which could be a key pasted in the wrong place.
 */
@RestControllerAdvice
final class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ErrorRenderer errors;

    ApiExceptionHandler(ErrorRenderer errors) {
        this.errors = errors;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> handleApiException(ApiException ex, HttpServletRequest request) {
        return errors.entity(request, ex.code(), ex.getMessage(), HttpHeaders.EMPTY);
    }

    /** A chunked body that outgrew the limit while being read (a declared one is refused before). */
    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<Object> handleTooLarge(Exception ex, HttpServletRequest request) {
        return errors.entity(request, ErrorCode.PAYLOAD_TOO_LARGE, "Request body too large", HttpHeaders.EMPTY);
    }

    /** The database is down or too slow: the client's request was fine and may be retried. */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
            QueryTimeoutException.class})
    ResponseEntity<Object> handleUnavailable(Exception ex, HttpServletRequest request) {
        log.warn("Database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), ex.toString());
        return errors.entity(request, ErrorCode.SERVICE_UNAVAILABLE, ErrorRenderer.UNAVAILABLE, HttpHeaders.EMPTY);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, HttpServletRequest request) {
        if (lostDatabaseConnection(ex)) {
            // Often not the first failure but the rollback after it, which hides the connection error as its cause.
            return handleUnavailable(ex, request);
        }
        log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), ex);
        return errors.entity(request, ErrorCode.INTERNAL_ERROR, "Internal server error", HttpHeaders.EMPTY);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        HttpServletRequest servletRequest = ((ServletWebRequest) request).getRequest();
        if (causedByTooLargeBody(ex)) {
            return errors.entity(servletRequest, ErrorCode.PAYLOAD_TOO_LARGE, "Request body too large", headers);
        }
        if (statusCode.is5xxServerError()) {
            log.error("Error on {} {}", servletRequest.getMethod(), servletRequest.getRequestURI(), ex);
        }
        return errors.entity(servletRequest, ErrorCode.forStatus(statusCode.value()), messageFor(ex, statusCode),
                headers);
    }

    private static String messageFor(Exception ex, HttpStatusCode status) {
        if (ex instanceof NoResourceFoundException) {
            return "Not found";
        }
        if (ex instanceof HttpRequestMethodNotSupportedException notSupported) {
            return "Method " + notSupported.getMethod() + " is not allowed here";
        }
        if (ex instanceof HttpMediaTypeNotSupportedException) {
            return "Unsupported content type; send application/json";
        }
        if (ex instanceof MethodArgumentNotValidException invalid) {
            FieldError field = invalid.getBindingResult().getFieldError();
            return field == null ? "Invalid request body" : field.getField() + " " + field.getDefaultMessage();
        }
        if (ex instanceof HandlerMethodValidationException invalid) {
            return invalid.getParameterValidationResults().stream()
                    .map(result -> result.getMethodParameter().getParameterName() + " "
                            + result.getResolvableErrors().get(0).getDefaultMessage())
                    .findFirst().orElse("Invalid request");
        }
        if (ex instanceof MissingServletRequestParameterException missing) {
            return "Missing parameter " + missing.getParameterName();
        }
        if (ex instanceof TypeMismatchException mismatch) {
            return "Invalid value for " + mismatch.getPropertyName();
        }
        if (ex instanceof HttpMessageNotReadableException unreadable) {
            return unreadableBodyMessage(unreadable);
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "Request failed" : known.getReasonPhrase();
    }

    /**
     * SQLState class 08 is "connection exception"; Hikari reports a pool timeout as a transient connection one. A
     * rollback that fails is a connection that broke: Hikari closes a broken connection under the transaction, and
     * its "Connection is closed" carries no SQLState.
     */
    static boolean lostDatabaseConnection(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof TransactionException tx && tx.getCause() instanceof SQLException
                    || cause instanceof SQLException sql && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedByTooLargeBody(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }

    /** A field's path as the gateway's messages write it: {@code subscribers[3].customFields}. */
    private static String fieldPath(JsonPointer pointer) {
        StringBuilder path = new StringBuilder();
        for (JsonPointer step = pointer; !step.matches(); step = step.tail()) {
            if (step.getMatchingIndex() >= 0) {
                path.append('[').append(step.getMatchingIndex()).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(step.getMatchingProperty());
            }
        }
        return path.toString();
    }

    private static String unreadableBodyMessage(HttpMessageNotReadableException ex) {
        if (ex.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().get(databind.getPath().size() - 1).getPropertyName();
            if (field != null) {
                return "Invalid value for field " + field;
            }
        }
        if (ex.getCause() instanceof StreamReadException broken && broken.processor() != null) {
            // Where the parser stopped, e.g. a lone surrogate in one of customFields' keys: "... at customFields".
            String at = fieldPath(broken.processor().streamReadContext().pathAsPointer());
            if (!at.isEmpty()) {
                return "Malformed JSON request body at " + at;
            }
        }
        return ex.getCause() == null ? "Request body is missing" : "Malformed JSON request body";
    }
}
