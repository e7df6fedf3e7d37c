package dev.identity.gateway.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param exportAccessCheck how often a running export checks that its caller's session still stands and still
 *                          grants {@code audit:read}; the most an export goes on after either ends
 */
@ConfigurationProperties("identity.audit")
public record AuditProperties(@DefaultValue("2s") Duration exportAccessCheck) {}
