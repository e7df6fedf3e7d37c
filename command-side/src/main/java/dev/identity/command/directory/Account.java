package dev.identity.command.directory;

import dev.identity.events.user.UserStatus;

/** What login needs to know about a user. Never leaves the command side with its hash. */
public record Account(String userId, String tenantId, String passwordHash, UserStatus status) {

    @Override
    public String toString() {
        return "Account[userId=" + userId + ", tenantId=" + tenantId + ", status=" + status + "]";
    }
}
