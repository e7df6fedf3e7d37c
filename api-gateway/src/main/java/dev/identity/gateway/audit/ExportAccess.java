package dev.identity.gateway.audit;

import dev.identity.events.common.Permission;
import dev.identity.gateway.access.AccessCache;
import dev.identity.gateway.security.AuthenticatedUser;
import dev.identity.query.access.Principal;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * An export can stream for minutes, long after the request was authorized: it checks again while it runs,
 * at most every {@link AuditProperties#exportAccessCheck()} (from the access cache, so usually no query).
 */
@Component
class ExportAccess {

    private final AccessCache accessCache;
    private final AuditProperties properties;
    private final Clock clock = Clock.systemUTC();

    ExportAccess(AccessCache accessCache, AuditProperties properties) {
        this.accessCache = accessCache;
        this.properties = properties;
    }

    /** A check for one export by {@code caller}: call it before each event. */
    Runnable checkerFor(AuthenticatedUser caller) {
        Instant[] next = {clock.instant().plus(properties.exportAccessCheck())};
        return () -> {
            Instant now = clock.instant();
            if (now.isBefore(next[0])) {
                return;
            }
            next[0] = now.plus(properties.exportAccessCheck());
            boolean stands = accessCache
                    .principal(caller.tenantId(), caller.userId(), caller.sessionId())
                    .filter(Principal::active)
                    .filter(principal -> principal.permissions().contains(Permission.AUDIT_READ))
                    .isPresent();
            if (!stands) {
                throw new NdjsonExport.AccessEnded();
            }
        };
    }
}
