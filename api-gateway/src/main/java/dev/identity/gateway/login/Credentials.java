package dev.identity.gateway.login;

import dev.identity.gateway.web.Identifier;
import dev.identity.gateway.web.Inputs;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Login input. Deliberately no format rules beyond presence: a wrong value simply fails to log in. */
public record Credentials(
        @NotBlank @Identifier @Size(max = 63) String tenant,
        @NotBlank @Identifier @Size(max = 254) String email,
        @NotBlank @Size(max = 1024) String password) {

    /** Surrounding whitespace is not part of a value; it is dropped, and the text put in NFC, before validation. */
    public Credentials {
        tenant = Inputs.normalize(tenant);
        email = Inputs.normalize(email);
    }

    @Override
    public String toString() {
        return "Credentials[tenant=" + tenant + ", email=" + email + "]";
    }
}
