package dev.identity.gateway.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** @param maxBodySize the largest request body accepted; larger ones get 413 before anything reads them */
@ConfigurationProperties("identity.web")
public record WebInputProperties(@DefaultValue("64KB") DataSize maxBodySize) {
}
