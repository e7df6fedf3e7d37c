package dev.identity.gateway.session;

import dev.identity.events.session.RevocationReason;
import dev.identity.gateway.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own session: refresh its tokens, or end it. */
@RestController
@RequestMapping("/api/v1/auth")
class SessionTokenController {

    private final Sessions sessions;

    SessionTokenController(Sessions sessions) {
        this.sessions = sessions;
    }

    @Operation(summary = "Spend a refresh token for a new access token and refresh token (rotation)")
    @PostMapping("/refresh")
    TokenPair refresh(@Valid @RequestBody RefreshRequest refresh) {
        return sessions.refresh(refresh.refreshToken());
    }

    @Operation(summary = "End the caller's session: its access and refresh tokens stop working at once")
    @PostMapping("/logout")
    @SecurityRequirement(name = "bearer")
    ResponseEntity<Void> logout(@AuthenticationPrincipal AuthenticatedUser caller) {
        sessions.revoke(caller.tenantId(), caller.sessionId(), RevocationReason.LOGOUT);
        return ResponseEntity.noContent().build();
    }
}
