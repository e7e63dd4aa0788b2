package ai.migma.gateway.audit;

import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.ApiResponse;
import ai.migma.gateway.web.PathIds;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
final class AuditAdminController {

    private final AuditLog audit;

    AuditAdminController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/admin/v1/audit")
    ApiResponse<Map<String, Object>> list(@RequestParam(required = false) String accountId,
            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > AuditLog.MAX_LIMIT) {
            throw ApiException.invalid("limit must be between 1 and " + AuditLog.MAX_LIMIT);
        }
        List<AuditEvent> events = audit.list(accountId == null ? null : PathIds.uuid(accountId, "Account"), limit);
        return ApiResponse.ok(Map.of("events", events, "total", events.size()));
    }
}
