package dev.identity.events.user;

import dev.identity.events.common.TenantScoped;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Too many failed logins: attempts on this account are refused until {@code lockedUntil}. */
@Revision("1")
public record AccountLockedOut(String userId, String tenantId, String clientIp, Instant lockedUntil)
        implements TenantScoped {}
