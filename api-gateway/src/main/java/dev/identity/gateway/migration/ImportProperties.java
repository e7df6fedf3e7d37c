package dev.identity.gateway.migration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param batchSize users registered per transaction (and per progress line)
 * @param maxLineLength the longest line accepted; a longer one is reported and skipped
 */
@ConfigurationProperties("identity.import")
public record ImportProperties(
        @DefaultValue("500") int batchSize,
        @DefaultValue("16KB") DataSize maxLineLength) {

    public ImportProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("identity.import.batch-size must be at least 1");
        }
    }
}
