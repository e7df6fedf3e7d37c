package dev.identity.events.user;

public enum UserStatus {
    ACTIVE,
    DEACTIVATED
}
