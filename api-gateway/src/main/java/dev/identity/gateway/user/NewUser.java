package dev.identity.gateway.user;

import dev.identity.gateway.web.Identifier;
import dev.identity.gateway.web.Inputs;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A user to create: by a tenant admin, as a tenant's first admin, or by self-registration. */
public record NewUser(
        @NotBlank @Email @Identifier @Size(max = 254) String email,
        @ValidPassword String password,
        @NotBlank @Size(max = 100) String displayName) {

    /** Surrounding whitespace is not part of a value; it is dropped, and the text put in NFC, before validation. */
    public NewUser {
        email = Inputs.normalize(email);
        displayName = Inputs.normalize(displayName);
    }

    @Override
    public String toString() {
        return "NewUser[email=" + email + ", displayName=" + displayName + "]";
    }
}
