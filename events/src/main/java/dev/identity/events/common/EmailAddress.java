package dev.identity.events.common;

import java.util.Locale;

/** Email comparison rules shared by the uniqueness check, login and the read model. */
public final class EmailAddress {

    private EmailAddress() {
    }

    /** Emails are unique per tenant compared case-insensitively after trimming. */
    public static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
