package dev.identity.gateway.user;

import dev.identity.events.common.Permission;
import dev.identity.events.session.RevocationReason;
import dev.identity.events.session.SessionView;
import dev.identity.gateway.role.RoleCatalogue;
import dev.identity.gateway.security.AuthenticatedUser;
import dev.identity.gateway.session.Sessions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Users see and end their own sessions; holders of {@code sessions:revoke} end anyone's in their tenant. */
@RestController
@RequestMapping("/api/v1")
@SecurityRequirement(name = "bearer")
class UserSessionsController {

    private final Sessions sessions;
    private final UserAccounts accounts;
    private final RoleCatalogue roles;

    UserSessionsController(Sessions sessions, UserAccounts accounts, RoleCatalogue roles) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.roles = roles;
    }

    @Operation(summary = "A user's sessions, newest first, without token material")
    @GetMapping("/users/{id}/sessions")
    List<SessionView> list(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id) {
        caller.requireSelfOr(Permission.USERS_READ, id);
        accounts.get(caller.tenantId(), id);
        return sessions.ofUser(caller.tenantId(), id, false);
    }

    @Operation(summary = "End one session: the owner, or sessions:revoke")
    @DeleteMapping("/sessions/{sessionId}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String sessionId) {
        SessionView session = sessions.get(caller.tenantId(), sessionId);
        if (!session.userId().equals(caller.userId())) {
            if (!caller.can(Permission.SESSIONS_REVOKE)) {
                throw new AccessDeniedException("not the session's owner");
            }
            roles.requireOutranks(caller, accounts.get(caller.tenantId(), session.userId()));
        }
        sessions.revoke(caller.tenantId(), sessionId, RevocationReason.REVOKED);
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "End all of a user's sessions: the user themself, or sessions:revoke",
            description = "Every session of the user is refused as soon as this answers, on every instance; each"
                    + " session's end is then recorded in its history by the command side.")
    @DeleteMapping("/users/{id}/sessions")
    ResponseEntity<Void> revokeAll(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id) {
        caller.requireSelfOr(Permission.SESSIONS_REVOKE, id);
        roles.requireOutranks(caller, accounts.get(caller.tenantId(), id));
        accounts.endAllSessions(caller.tenantId(), id);
        return ResponseEntity.noContent().build();
    }
}
