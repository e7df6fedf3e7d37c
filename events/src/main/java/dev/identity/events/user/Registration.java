package dev.identity.events.user;

/** How an account came to exist. */
public enum Registration {
    /** The person registered themselves, in a tenant that allows it. */
    SELF,
    /** A tenant admin or user manager (or a platform admin, for a tenant's first admin) created it. */
    ADMIN,
    /** The system created it: the platform admin at first start. */
    SYSTEM,
    /** A bulk import moved it in from another system, with the password hash it had there. */
    IMPORT
}
