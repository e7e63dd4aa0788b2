package ai.migma.gateway.account;

import ai.migma.gateway.CacheProperties;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Accounts by id through a bounded cache, so that the rate-limit step reads an account's plan without SQL. */
@Component
public final class AccountDirectory {

    private final AccountRepository accounts;
    private final Cache<UUID, AccountView> cache;

    AccountDirectory(AccountRepository accounts, CacheProperties properties) {
        this.accounts = accounts;
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.maximumSize())
                .expireAfterWrite(properties.ttl())
                .build();
    }

    /** The account, or {@code null} if there is none with this id. */
    public AccountView find(UUID id) {
        return cache.get(id, key -> accounts.findById(key).map(Account::view).orElse(null));
    }

    void evict(UUID id) {
        cache.invalidate(id);
    }
}
