package dev.identity.gateway.user;

import dev.identity.events.user.UserView;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Register into a tenant that allows it, without an account yet. */
@RestController
@RequestMapping("/api/v1/auth")
class RegistrationController {

    private final SelfRegistrations registrations;

    RegistrationController(SelfRegistrations registrations) {
        this.registrations = registrations;
    }

    @Operation(summary = "Register into a tenant that allows self-registration")
    @PostMapping("/register")
    ResponseEntity<UserView> register(@Valid @RequestBody SelfRegistration registration, HttpServletRequest request) {
        UserView user = registrations.register(registration, request.getRemoteAddr());
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(user);
    }
}
