package ai.migma.gateway.account;

import java.util.UUID;

/** An account's settings by id, cached ({@link AccountDirectory}); what the rate limiter reads the plan from. */
public interface AccountLookup {

    AccountView find(UUID id);
}
