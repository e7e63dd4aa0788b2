package ai.migma.gateway.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Request limits ({@code migma.http.*}).
 *
 * @param maxBodySize the largest request body accepted ({@code MIGMA_HTTP_MAX_BODY_SIZE}); larger ones get 413
 * @param maxBulkImportBodySize the same for {@code POST /v1/contacts/bulk} only
 *     ({@code MIGMA_HTTP_MAX_BULK_IMPORT_BODY_SIZE}): the SDK sends thousands of contacts in one request, which the
 *     gateway imports as a job; 16 MB holds its 50,000 with names, tags and a few custom fields
 */
@ConfigurationProperties("migma.http")
public record HttpLimitProperties(@DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("16MB") DataSize maxBulkImportBodySize) {
}
