package ai.migma.gateway.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Request limits ({@code migma.http.*}).
 *
 * @param maxBodySize the largest request body accepted ({@code MIGMA_HTTP_MAX_BODY_SIZE}); larger ones get 413
 */
@ConfigurationProperties("migma.http")
public record HttpLimitProperties(@DefaultValue("1MB") DataSize maxBodySize) {
}
