package dev.identity.events.tenant;

import java.util.Set;

public record RoleView(String name, boolean builtIn, Set<String> permissions) {}
