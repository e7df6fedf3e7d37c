package dev.identity.command.session;

public record AuthenticatedAccount(String userId, String tenantId) {
}
