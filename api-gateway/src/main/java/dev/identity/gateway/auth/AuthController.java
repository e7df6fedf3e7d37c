package dev.identity.gateway.auth;

import dev.identity.command.directory.TenantDirectory;
import dev.identity.command.directory.TenantEntry;
import dev.identity.command.session.AuthenticatedAccount;
import dev.identity.events.common.BuiltInRole;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import dev.identity.events.session.RevocationReason;
import dev.identity.events.user.UserView;
import dev.identity.gateway.login.LoginThrottle;
import dev.identity.gateway.login.Logins;
import dev.identity.gateway.session.Sessions;
import dev.identity.gateway.session.TokenPair;
import dev.identity.gateway.user.UserAccounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandExecutionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Log in, refresh, log out, and register where a tenant allows it. */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    private static final Set<ErrorCode> REFUSING_TENANT = EnumSet.of(ErrorCode.TENANT_NOT_FOUND,
            ErrorCode.TENANT_SUSPENDED, ErrorCode.SELF_REGISTRATION_DISABLED);

    private final Logins logins;
    private final Sessions sessions;
    private final TenantDirectory tenants;
    private final UserAccounts accounts;
    private final LoginThrottle throttle;

    AuthController(Logins logins, Sessions sessions, TenantDirectory tenants, UserAccounts accounts,
                   LoginThrottle throttle) {
        this.logins = logins;
        this.sessions = sessions;
        this.tenants = tenants;
        this.accounts = accounts;
        this.throttle = throttle;
    }

    @Operation(summary = "Exchange a tenant slug, email and password for an access token and a refresh token")
    @PostMapping("/login")
    TokenPair login(@Valid @RequestBody Credentials credentials, HttpServletRequest request) {
        AuthenticatedAccount account = logins.authenticate(credentials, request.getRemoteAddr());
        return sessions.start(account.tenantId(), account.userId(), account.credentialEpoch(), request.getRemoteAddr(),
                request.getHeader(HttpHeaders.USER_AGENT));
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

    @Operation(summary = "Register into a tenant that allows self-registration")
    @PostMapping("/register")
    ResponseEntity<UserView> register(@Valid @RequestBody SelfRegistration registration, HttpServletRequest request) {
        throttle.takeRegistration(registration.tenant(), request.getRemoteAddr());
        Optional<TenantEntry> tenant = tenants.findBySlug(registration.tenant());
        if (tenant.isEmpty()) {
            accounts.hashInVain(registration.user());
            throw registrationRefused();
        }
        UserView user;
        try {
            // whether the tenant is open and active is the command side's rule (RegisterUser)
            user = accounts.register(tenant.get().tenantId(), registration.user(),
                    Set.of(BuiltInRole.MEMBER.roleName()), null);
        } catch (RuntimeException e) {
            throw refusingTenant(e) ? registrationRefused() : e;
        }
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(user);
    }

    /** The command side's refusals come as they are, or wrapped by the command bus. */
    private static boolean refusingTenant(RuntimeException e) {
        Throwable rejection = e instanceof CommandExecutionException ? e.getCause() : e;
        return rejection instanceof IdentityException identity && REFUSING_TENANT.contains(identity.code());
    }

    /**
     * One answer for a tenant that does not exist, does not allow self-registration or is suspended, naming
     * none: which tenants exist, and in which state, is not for anonymous callers to learn.
     */
    private static IdentityException registrationRefused() {
        return new IdentityException(ErrorCode.SELF_REGISTRATION_DISABLED,
                "Self-registration is not available for this tenant.");
    }
}
