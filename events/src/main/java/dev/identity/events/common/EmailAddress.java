package dev.identity.events.common;

import java.text.Normalizer;
import java.util.Locale;

/** Email comparison rules shared by the uniqueness check, login and the read model. */
public final class EmailAddress {

    private EmailAddress() {}

    /**
     * Emails are unique per tenant compared case-insensitively after trimming, in NFC: "e" and a combining
     * acute accent is the same letter as "é".
     */
    public static String normalize(String email) {
        return Normalizer.normalize(email.trim().toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
    }
}
