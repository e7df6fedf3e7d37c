package dev.identity.gateway.tenant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;

/** @param permissions permission keys such as {@code users:read}; see {@code GET /api/v1/roles} */
public record RoleDefinition(@NotNull @Size(max = 20) Set<@NotNull String> permissions) {}
