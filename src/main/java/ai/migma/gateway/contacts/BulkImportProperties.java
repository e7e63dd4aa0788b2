package ai.migma.gateway.contacts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bulk imports of contacts ({@code migma.contacts.bulk.*}). Migma's SDK README imports up to 5,000 contacts at once
 * and larger lists as a job; 5,001 contacts of an address each are about 180 KB, well within the 1 MB body limit
 * ({@code migma.http.max-body-size}), which therefore bounds an import of contacts with many fields first.
 *
 * @param syncLimit the most contacts imported within the request; a larger list becomes a job
 * @param chunkSize contacts imported per step of a job (one transaction each)
 * @param maxContacts the most contacts one request may hold
 */
@ConfigurationProperties("migma.contacts.bulk")
public record BulkImportProperties(@DefaultValue("5000") int syncLimit, @DefaultValue("1000") int chunkSize,
        @DefaultValue("50000") int maxContacts) {

    public BulkImportProperties {
        if (syncLimit < 1 || chunkSize < 1 || maxContacts < syncLimit) {
            throw new IllegalArgumentException("migma.contacts.bulk: sync-limit and chunk-size must be at least 1, "
                    + "max-contacts at least sync-limit");
        }
    }
}
