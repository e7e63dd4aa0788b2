package ai.migma.gateway.dashboard;

import ai.migma.gateway.GatewayProperties;
import ai.migma.gateway.account.AccountService;
import ai.migma.gateway.account.AccountView;
import ai.migma.gateway.apikey.ApiKeyService;
import ai.migma.gateway.apikey.ApiKeyView;
import ai.migma.gateway.apikey.CreatedApiKey;
import ai.migma.gateway.apikey.KeyEnvironment;
import ai.migma.gateway.apikey.Permission;
import ai.migma.gateway.apikey.ScopeCatalog;
import ai.migma.gateway.ratelimit.PlanProperties;
import ai.migma.gateway.usage.UsagePoint;
import ai.migma.gateway.usage.UsageSeries;
import ai.migma.gateway.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Settings → API Integration → API Keys, as on Migma's page, for the signed-in owner's account only. Every action
 * goes through {@link ApiKeyService}, as the admin API's do (same audit entries, same immediate revocation, same
 * webhooks). A new key's text is rendered in the one response that creates it and kept nowhere else, not even in
 * the session.
 */
@Controller
final class DashboardController {

    static final int SPARKLINE_DAYS = 7;
    static final Map<Long, String> GRACE_PERIODS = Map.of(0L, "Immediately", 3_600L, "After 1 hour", 86_400L,
            "After 24 hours", 604_800L, "After 7 days");
    private static final Pattern KEY_ID = Pattern.compile("[0-9A-Za-z]{8}");

    /** A row of the key table. */
    record KeyRow(String id, String name, String displayId, String environment, List<String> permissions,
            Instant createdAt, String created, Instant lastUsedAt, String lastUsed, long weekRequests,
            String sparkline, String status, boolean active, String limit) {
    }

    record PermissionOption(String scope, String description, String inputId) {
    }

    private final ApiKeyService keys;
    private final AccountService accounts;
    private final PlanProperties plans;
    private final UsageSeries usage;
    private final GatewayProperties gateway;
    private final ScopeCatalog scopes;
    private final Clock clock;

    DashboardController(ApiKeyService keys, AccountService accounts, PlanProperties plans, UsageSeries usage,
            GatewayProperties gateway, ScopeCatalog scopes, Clock clock) {
        this.keys = keys;
        this.scopes = scopes;
        this.accounts = accounts;
        this.plans = plans;
        this.usage = usage;
        this.gateway = gateway;
        this.clock = clock;
    }

    @GetMapping({"/dashboard", "/dashboard/"})
    String home() {
        return "redirect:" + DashboardSecurityConfiguration.HOME;
    }

    @GetMapping(LoginThrottle.LOGIN)
    String login() {
        return "dashboard/login";
    }

    @GetMapping(DashboardSecurityConfiguration.HOME)
    String apiKeys(@AuthenticationPrincipal DashboardUser user, @RequestParam(required = false) String revoked,
            Model model) {
        if (revoked != null && KEY_ID.matcher(revoked).matches()) {
            model.addAttribute("message", "API key " + revoked + " was revoked. Requests with it now get 401.");
        }
        return listPage(user, model);
    }

    @GetMapping("/dashboard/api-keys/new")
    String newKey(@AuthenticationPrincipal DashboardUser user, Model model) {
        model.addAttribute("account", accounts.get(user.accountId()));
        formOptions(model);
        return "dashboard/new-key";
    }

    @PostMapping("/dashboard/api-keys")
    ModelAndView create(@AuthenticationPrincipal DashboardUser user, @RequestParam(required = false) String name,
            @RequestParam(required = false) String environment,
            @RequestParam(required = false) List<String> permissions, Model model) {
        try {
            CreatedApiKey created = keys.create(user.accountId(), name, environment,
                    permissions == null ? List.of() : permissions, null, null);
            model.addAttribute("created", created);
            return new ModelAndView(listPage(user, model), model.asMap(), HttpStatus.CREATED);
        } catch (ApiException invalid) {
            model.addAttribute("createError", invalid.getMessage());
            model.addAttribute("formName", name);
            model.addAttribute("formPermissions", permissions == null ? List.of() : permissions);
            return new ModelAndView(listPage(user, model), model.asMap(), HttpStatus.BAD_REQUEST);
        }
    }

    @GetMapping("/dashboard/api-keys/{keyId}/revoke")
    String confirmRevoke(@AuthenticationPrincipal DashboardUser user, @PathVariable String keyId, Model model) {
        model.addAttribute("key", row(keys.get(user.accountId(), keyId), new long[SPARKLINE_DAYS], null));
        model.addAttribute("account", accounts.get(user.accountId()));
        return "dashboard/revoke";
    }

    @PostMapping("/dashboard/api-keys/{keyId}/revoke")
    String revoke(@AuthenticationPrincipal DashboardUser user, @PathVariable String keyId) {
        ApiKeyView revoked = keys.revoke(user.accountId(), keyId);
        return "redirect:" + DashboardSecurityConfiguration.HOME + "?revoked=" + revoked.id();
    }

    @GetMapping("/dashboard/api-keys/{keyId}/roll")
    String confirmRoll(@AuthenticationPrincipal DashboardUser user, @PathVariable String keyId, Model model) {
        model.addAttribute("key", row(keys.get(user.accountId(), keyId), new long[SPARKLINE_DAYS], null));
        model.addAttribute("gracePeriods", gracePeriods());
        model.addAttribute("account", accounts.get(user.accountId()));
        return "dashboard/roll";
    }

    @PostMapping("/dashboard/api-keys/{keyId}/roll")
    ModelAndView roll(@AuthenticationPrincipal DashboardUser user, @PathVariable String keyId,
            @RequestParam(defaultValue = "0") long graceSeconds, Model model) {
        if (!GRACE_PERIODS.containsKey(graceSeconds)) {
            throw ApiException.invalid("Choose one of the offered grace periods");
        }
        model.addAttribute("created", keys.roll(user.accountId(), keyId, graceSeconds));
        model.addAttribute("rolledFrom", keyId);
        return new ModelAndView(listPage(user, model), model.asMap(), HttpStatus.CREATED);
    }

    @GetMapping("/dashboard/api-keys/{keyId}/usage")
    String usage(@AuthenticationPrincipal DashboardUser user, @PathVariable String keyId,
            @RequestParam(defaultValue = "hour") String granularity, Model model) {
        ApiKeyView key = keys.get(user.accountId(), keyId);
        boolean daily = granularity.equals("day");
        ChronoUnit unit = daily ? ChronoUnit.DAYS : ChronoUnit.HOURS;
        Instant to = clock.instant().truncatedTo(unit).plus(1, unit);
        Instant from = to.minus(daily ? Duration.ofDays(30) : Duration.ofHours(24));
        List<UsagePoint> points = usage.series(key.id(), from, to, daily ? "day" : "hour");
        model.addAttribute("key", row(key, new long[SPARKLINE_DAYS], null));
        model.addAttribute("account", accounts.get(user.accountId()));
        model.addAttribute("granularity", daily ? "day" : "hour");
        model.addAttribute("bars", UsageChart.bars(points, from, to, unit));
        model.addAttribute("outcomes", UsageChart.OUTCOMES);
        model.addAttribute("outcomeLabels", UsageChart.OUTCOME_LABELS);
        model.addAttribute("chartWidth", UsageChart.WIDTH);
        model.addAttribute("chartHeight", UsageChart.HEIGHT + UsageChart.AXIS);
        model.addAttribute("axisY", UsageChart.HEIGHT + 14);
        model.addAttribute("totalRequests", points.stream().mapToLong(UsagePoint::requests).sum());
        model.addAttribute("lastUsed", RelativeTime.since(key.lastUsedAt(), clock.instant()));
        return "dashboard/usage";
    }

    private String listPage(DashboardUser user, Model model) {
        AccountView account = accounts.get(user.accountId());
        int planLimit = plans.perMinute(account.plan(), account.rateLimitPerMinute());
        List<ApiKeyView> views = keys.list(user.accountId());
        Map<String, long[]> daily = usage.dailyRequests(views.stream().map(ApiKeyView::id).toList(),
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), SPARKLINE_DAYS);
        model.addAttribute("account", account);
        model.addAttribute("planLimit", planLimit);
        model.addAttribute("keys", views.stream().map(view -> row(view,
                daily.getOrDefault(view.id(), new long[SPARKLINE_DAYS]), planLimit)).toList());
        model.addAttribute("gracePeriods", gracePeriods());
        formOptions(model);
        return "dashboard/api-keys";
    }

    private void formOptions(Model model) {
        model.addAttribute("permissionOptions", scopes.all().stream()
                .map(p -> new PermissionOption(p.scope(), p.description(), "permission-" + p.scope().replace(':', '-')))
                .toList());
        model.addAttribute("environments", List.of(KeyEnvironment.TEST.wireName(), KeyEnvironment.LIVE.wireName()));
        model.addAttribute("defaultEnvironment", KeyEnvironment.acceptedIn(gateway.environment()).wireName());
    }

    private static List<Map.Entry<Long, String>> gracePeriods() {
        return GRACE_PERIODS.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
    }

    private KeyRow row(ApiKeyView key, long[] daily, Integer planLimit) {
        Instant now = clock.instant();
        boolean expired = key.expiresAt() != null && !key.expiresAt().isAfter(now);
        String status = key.revokedAt() != null ? "Revoked" : expired ? "Expired"
                : key.expiresAt() != null ? "Expires " + RelativeTime.DATE.format(key.expiresAt()) : "Active";
        Integer limit = planLimit;
        if (key.rateLimitPerMinute() != null && planLimit != null) {
            limit = Math.min(key.rateLimitPerMinute(), planLimit);
        }
        return new KeyRow(key.id(), key.name(), key.start(), key.environment().wireName(),
                key.permissions().stream().map(Permission::scope).toList(), key.createdAt(),
                RelativeTime.DATE.format(key.createdAt()), key.lastUsedAt(), RelativeTime.since(key.lastUsedAt(), now),
                Arrays.stream(daily).sum(), UsageChart.sparkline(daily), status,
                key.revokedAt() == null && !expired, limit == null ? "" : limit + " / min");
    }
}
