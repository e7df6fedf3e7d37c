package dev.identity.gateway.login;

import dev.identity.command.session.AuthenticatedAccount;
import dev.identity.gateway.session.Sessions;
import dev.identity.gateway.session.TokenPair;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Log in: a password checked, a session started. */
@RestController
@RequestMapping("/api/v1/auth")
class LoginController {

    private final Logins logins;
    private final Sessions sessions;

    LoginController(Logins logins, Sessions sessions) {
        this.logins = logins;
        this.sessions = sessions;
    }

    @Operation(summary = "Exchange a tenant slug, email and password for an access token and a refresh token")
    @PostMapping("/login")
    TokenPair login(@Valid @RequestBody Credentials credentials, HttpServletRequest request) {
        AuthenticatedAccount account = logins.authenticate(credentials, request.getRemoteAddr());
        return sessions.start(
                account.tenantId(),
                account.userId(),
                account.credentialEpoch(),
                request.getRemoteAddr(),
                request.getHeader(HttpHeaders.USER_AGENT));
    }
}
