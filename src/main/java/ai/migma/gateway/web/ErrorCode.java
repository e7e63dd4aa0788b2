package ai.migma.gateway.web;

import org.springframework.http.HttpStatus;

/** The error codes of docs/API.md ("Envelope and errors"), each with the status it is sent with. */
public enum ErrorCode {
    VALIDATION_ERROR("validation_error", HttpStatus.BAD_REQUEST),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN),
    NOT_FOUND("not_found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("validation_error", HttpStatus.METHOD_NOT_ALLOWED),
    REQUEST_TIMEOUT("request_timeout", HttpStatus.REQUEST_TIMEOUT),
    UNSUPPORTED_MEDIA_TYPE("validation_error", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    NOT_ACCEPTABLE("validation_error", HttpStatus.NOT_ACCEPTABLE),
    PAYLOAD_TOO_LARGE("validation_error", HttpStatus.CONTENT_TOO_LARGE),
    CONFLICT("conflict", HttpStatus.CONFLICT),
    RATE_LIMIT_EXCEEDED("rate_limit_exceeded", HttpStatus.TOO_MANY_REQUESTS),
    INTERNAL_ERROR("internal_error", HttpStatus.INTERNAL_SERVER_ERROR),
    BAD_GATEWAY("bad_gateway", HttpStatus.BAD_GATEWAY),
    SERVICE_UNAVAILABLE("service_unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    GATEWAY_TIMEOUT("gateway_timeout", HttpStatus.GATEWAY_TIMEOUT);

    private final String code;
    private final HttpStatus status;

    ErrorCode(String code, HttpStatus status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public HttpStatus status() {
        return status;
    }

    /** The code a bare HTTP status is reported with, for errors raised outside our own code (404, 405, ...). */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 408 -> REQUEST_TIMEOUT;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMIT_EXCEEDED;
            case 502 -> BAD_GATEWAY;
            case 503 -> SERVICE_UNAVAILABLE;
            case 504 -> GATEWAY_TIMEOUT;
            default -> status >= 500 ? INTERNAL_ERROR : VALIDATION_ERROR;
        };
    }
}
