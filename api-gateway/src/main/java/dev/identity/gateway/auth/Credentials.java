package dev.identity.gateway.auth;

import dev.identity.gateway.system.Inputs;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Login input. Deliberately no format rules beyond presence: a wrong value simply fails to log in. */
public record Credentials(@NotBlank @Size(max = 63) String tenant,
                          @NotBlank @Size(max = 254) String email,
                          @NotBlank @Size(max = 1024) String password) {

    /** Surrounding whitespace is not part of a value; it is dropped before validation. */
    public Credentials {
        tenant = Inputs.strip(tenant);
        email = Inputs.strip(email);
    }

    @Override
    public String toString() {
        return "Credentials[tenant=" + tenant + ", email=" + email + "]";
    }
}
