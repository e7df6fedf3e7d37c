package dev.identity.command.session;

import java.util.Set;

public record AuthenticatedAccount(String userId, String tenantId, Set<String> roles) {
}
