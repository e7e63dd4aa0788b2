package ai.migma.gateway.usage;

import ai.migma.gateway.apikey.ApiKeyService;
import ai.migma.gateway.apikey.ApiKeyView;
import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.ApiResponse;
import ai.migma.gateway.web.Fields;
import ai.migma.gateway.web.PathIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A key's usage as a time series, by minute, hour or day (UTC), and its last use. */
@RestController
final class UsageAdminController {

    /** Each granularity with its default window and the longest window it may be asked for. */
    private enum Granularity {
        MINUTE(Duration.ofHours(1), Duration.ofDays(1)),
        HOUR(Duration.ofDays(1), Duration.ofDays(31)),
        DAY(Duration.ofDays(30), Duration.ofDays(366));

        final Duration defaultWindow;
        final Duration maxWindow;

        Granularity(Duration defaultWindow, Duration maxWindow) {
            this.defaultWindow = defaultWindow;
            this.maxWindow = maxWindow;
        }
    }

    private final ApiKeyService keys;
    private final UsageSeries usage;
    private final Clock clock;

    UsageAdminController(ApiKeyService keys, UsageSeries usage, Clock clock) {
        this.keys = keys;
        this.usage = usage;
        this.clock = clock;
    }

    @GetMapping("/admin/v1/accounts/{accountId}/api-keys/{keyId}/usage")
    ApiResponse<Map<String, Object>> usage(@PathVariable String accountId, @PathVariable String keyId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "hour") String granularity) {
        ApiKeyView key = keys.get(PathIds.uuid(accountId, "Account"), keyId);
        Granularity unit = granularity(granularity);
        Instant end = to == null ? clock.instant() : Fields.requireInstant("to", to);
        Instant start = from == null ? end.minus(unit.defaultWindow) : Fields.requireInstant("from", from);
        if (!start.isBefore(end)) {
            throw ApiException.invalid("from must be before to");
        }
        if (Duration.between(start, end).compareTo(unit.maxWindow) > 0) {
            throw ApiException.invalid("a " + granularity + " series covers at most " + unit.maxWindow.toDays()
                    + " days");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("keyId", key.id());
        data.put("granularity", unit.name().toLowerCase());
        data.put("from", start);
        data.put("to", end);
        data.put("usage", usage.series(key.id(), start, end, unit.name().toLowerCase()));
        data.put("totalRequests", key.totalRequests());
        data.put("lastUsedAt", key.lastUsedAt());
        return ApiResponse.ok(data);
    }

    private static Granularity granularity(String name) {
        for (Granularity unit : Granularity.values()) {
            if (unit.name().equalsIgnoreCase(name)) {
                return unit;
            }
        }
        throw ApiException.invalid("granularity must be minute, hour or day");
    }

}
