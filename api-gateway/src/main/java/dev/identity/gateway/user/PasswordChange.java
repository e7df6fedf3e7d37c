package dev.identity.gateway.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record PasswordChange(
        @NotBlank @Size(max = 1024) String currentPassword,
        @ValidPassword String newPassword) {

    @Override
    public String toString() {
        return "PasswordChange[<hidden>]";
    }
}
