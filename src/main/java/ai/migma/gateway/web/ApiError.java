package ai.migma.gateway.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The error envelope of docs/API.md, "Envelope and errors". {@code success} and {@code error} come first so that the
 * bodies the seed page shows ({@code {"success": false, "error": "Invalid or missing API key"}}) are a prefix of ours.
 */
@JsonPropertyOrder({"success", "error", "code", "retryAfter", "metadata"})
public record ApiError(boolean success, String error, String code,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long retryAfter, Metadata metadata) {

    public static ApiError of(ErrorCode code, String message, Long retryAfter, String requestId) {
        return new ApiError(false, message, code.code(), retryAfter, Metadata.now(requestId));
    }
}
