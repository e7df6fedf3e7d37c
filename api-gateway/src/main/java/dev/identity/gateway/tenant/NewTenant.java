package dev.identity.gateway.tenant;

import dev.identity.gateway.user.NewUser;
import dev.identity.gateway.web.Inputs;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * @param slug 3 to 63 lowercase letters, digits and inner hyphens; how users name the tenant at login
 * @param selfRegistration whether anyone may register into this tenant; off unless asked for (absent or null)
 * @param admin the tenant's first user, who gets the tenant-admin role
 */
public record NewTenant(
        @NotNull
        @Pattern(
                regexp = "[a-z0-9][a-z0-9-]{1,61}[a-z0-9]",
                message = "must be 3-63 lowercase letters, digits or inner hyphens")
        String slug,

        @NotBlank @Size(max = 200) String name,
        Boolean selfRegistration,
        @NotNull @Valid NewUser admin) {

    public NewTenant {
        slug = Inputs.normalize(slug);
        name = Inputs.normalize(name);
        selfRegistration = Boolean.TRUE.equals(selfRegistration);
    }
}
