package dev.identity.gateway.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize the largest request body accepted; larger ones get 413 before anything reads them
 * @param maxImportSize the largest body of a bulk import ({@code /users:import}), which is streamed, not held
 * @param maxJsonDepth how deeply a JSON body may nest objects and arrays (no request needs more than 3)
 * @param maxJsonString the longest JSON string (or name) the parser builds, in characters
 */
@ConfigurationProperties("identity.web")
public record WebInputProperties(
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue("1GB") DataSize maxImportSize,
        @DefaultValue("16") int maxJsonDepth,
        @DefaultValue("4096") int maxJsonString) {}
