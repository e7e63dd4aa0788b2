package ai.migma.gateway.account;

import ai.migma.gateway.AfterCommit;
import ai.migma.gateway.audit.AuditLog;
import ai.migma.gateway.cache.CacheEvents;
import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.Fields;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, reads and changes accounts; the only way other features reach the accounts table. */
@Service
public class AccountService {

    static final int MAX_NAME_LENGTH = 200;

    private final AccountRepository accounts;
    private final AccountDirectory directory;
    private final AuditLog audit;
    private final CacheEvents cacheEvents;
    private final Clock clock;

    AccountService(AccountRepository accounts, AccountDirectory directory, AuditLog audit, CacheEvents cacheEvents,
            Clock clock) {
        this.accounts = accounts;
        this.directory = directory;
        this.audit = audit;
        this.cacheEvents = cacheEvents;
        this.clock = clock;
    }

    @Transactional
    public AccountView create(String name, String plan, Integer rateLimitPerMinute) {
        Plan checkedPlan = requirePlan(plan);
        checkLimit(checkedPlan, rateLimitPerMinute);
        String checkedName = Fields.requireText("name", name, MAX_NAME_LENGTH);
        // Flushed now: the audit entry written next refers to the row.
        AccountView created = accounts.saveAndFlush(new Account(checkedName, checkedPlan, rateLimitPerMinute,
                clock.instant())).view();
        audit.record("account.created", created.id(), null, "plan=" + describe(checkedPlan, rateLimitPerMinute));
        return created;
    }

    @Transactional(readOnly = true)
    public AccountView get(UUID id) {
        return require(id).view();
    }

    /** Throws the not-found error the admin API answers with when {@code id} names no account. */
    @Transactional(readOnly = true)
    public void requireExists(UUID id) {
        if (!accounts.existsById(id)) {
            throw ApiException.notFound("Account");
        }
    }

    /** Applies the fields that are not null; the others keep their values. A new plan applies on the next request. */
    @Transactional
    public AccountView update(UUID id, String name, String plan, Integer rateLimitPerMinute) {
        Account account = require(id);
        String before = describe(account.plan(), account.rateLimitPerMinute());
        Plan newPlan = plan == null ? account.plan() : requirePlan(plan);
        Integer newLimit = rateLimitPerMinute == null ? account.rateLimitPerMinute() : rateLimitPerMinute;
        checkLimit(newPlan, newLimit);
        account.change(name == null ? account.name() : Fields.requireText("name", name, MAX_NAME_LENGTH), newPlan,
                newLimit, clock.instant());
        String after = describe(newPlan, newLimit);
        if (!before.equals(after)) {
            audit.record("account.plan_changed", id, null, "plan=" + before + " -> " + after);
        }
        // Here at once, on every other instance when the change commits.
        AfterCommit.run(() -> directory.evict(id));
        cacheEvents.publish(AccountDirectory.TOPIC, id.toString());
        return accounts.save(account).view();
    }

    private static String describe(Plan plan, Integer rateLimitPerMinute) {
        return plan.wireName() + (plan == Plan.ENTERPRISE ? "(" + rateLimitPerMinute + "/min)" : "");
    }

    private Account require(UUID id) {
        return accounts.findById(id).orElseThrow(() -> ApiException.notFound("Account"));
    }

    private static Plan requirePlan(String name) {
        Plan plan = Plan.fromWireName(name);
        if (plan == null) {
            throw ApiException.invalid(name == null ? "plan is required (free, pro or enterprise)"
                    : "Unknown plan: " + name + " (expected free, pro or enterprise)");
        }
        return plan;
    }

    private static void checkLimit(Plan plan, Integer rateLimitPerMinute) {
        Fields.checkPositive("rateLimitPerMinute", rateLimitPerMinute);
        if (plan == Plan.ENTERPRISE && rateLimitPerMinute == null) {
            throw ApiException.invalid("rateLimitPerMinute is required for the enterprise plan");
        }
    }
}
