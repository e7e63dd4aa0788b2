package ai.migma.gateway.account;

import ai.migma.gateway.CacheProperties;
import ai.migma.gateway.cache.CacheEvents;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Accounts by id through a bounded cache, so that the rate-limit step reads an account's plan without SQL. */
@Component
final class AccountDirectory implements AccountLookup {

    private final LoadingCache<UUID, AccountView> cache;

    static final String TOPIC = "account";

    AccountDirectory(AccountRepository accounts, CacheProperties properties, CacheEvents events,
            MeterRegistry meters) {
        this.cache = properties.newCache(id -> accounts.findById(id).map(Account::view).orElse(null));
        CaffeineCacheMetrics.monitor(meters, cache, "accounts");
        events.subscribe(TOPIC, id -> evict(UUID.fromString(id)), cache::invalidateAll);
    }

    /** The account, or {@code null} if there is none with this id. */
    @Override
    public AccountView find(UUID id) {
        return cache.get(id);
    }

    void evict(UUID id) {
        cache.invalidate(id);
    }
}
