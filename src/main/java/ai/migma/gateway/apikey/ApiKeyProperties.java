package ai.migma.gateway.apikey;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key cache in front of the database ({@code migma.api-keys.*}).
 *
 * @param cacheMaximumSize keys held at most; the least used leave first, so memory stays flat however many keys exist
 * @param cacheTtl how long a cached key is trusted without reading it again; a revocation made through this
 *     instance evicts at once, so this bounds only changes made elsewhere
 */
@ConfigurationProperties("migma.api-keys")
public record ApiKeyProperties(@DefaultValue("100000") long cacheMaximumSize, @DefaultValue("30s") Duration cacheTtl) {
}
