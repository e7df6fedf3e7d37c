package dev.identity.command.directory;

import dev.identity.events.user.UserStatus;

/**
 * What login needs to know about a user. Never leaves the command side with its hash.
 *
 * @param credentialEpoch a session started now records it; a later credential change ends that session
 */
public record Account(String userId, String tenantId, String passwordHash, UserStatus status, long credentialEpoch) {

    @Override
    public String toString() {
        return "Account[userId=" + userId + ", tenantId=" + tenantId + ", status=" + status + "]";
    }
}
