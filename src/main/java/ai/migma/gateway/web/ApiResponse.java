package ai.migma.gateway.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The success envelope of docs/API.md ("Envelope and errors"): {@code {"success": true, "data": ..., "metadata": ...}},
 * with the top-level {@code count} that Migma's list endpoints for contacts, tags and segments carry.
 */
@JsonPropertyOrder({"success", "data", "count", "metadata"})
public record ApiResponse<T>(boolean success, T data, @JsonInclude(JsonInclude.Include.NON_NULL) Long count,
        Metadata metadata) {

    public static <T> ApiResponse<T> ok(T data) {
        return new ApiResponse<>(true, data, null, Metadata.now(RequestIds.current()));
    }

    public static <T> ApiResponse<T> ok(T data, long count) {
        return new ApiResponse<>(true, data, count, Metadata.now(RequestIds.current()));
    }
}
