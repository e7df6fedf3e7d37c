package dev.identity.gateway.user;

import dev.identity.gateway.web.Identifier;
import dev.identity.gateway.web.Inputs;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Self-registration input: the tenant by slug, and the new user. */
public record SelfRegistration(
        @NotBlank @Identifier @Size(max = 63) String tenant,
        @NotBlank @Email @Identifier @Size(max = 254) String email,
        @ValidPassword String password,
        @NotBlank @Size(max = 100) String displayName) {

    /** Surrounding whitespace is not part of a value; it is dropped, and the text put in NFC, before validation. */
    public SelfRegistration {
        tenant = Inputs.normalize(tenant);
        email = Inputs.normalize(email);
        displayName = Inputs.normalize(displayName);
    }

    NewUser user() {
        return new NewUser(email, password, displayName);
    }

    @Override
    public String toString() {
        return "SelfRegistration[tenant=" + tenant + ", email=" + email + "]";
    }
}
