package dev.identity.gateway.user;

import java.nio.charset.StandardCharsets;

/**
 * At least 8 characters (NIST SP 800-63B) and at most 72 bytes in UTF-8, the most bcrypt reads: a longer
 * password would be silently truncated. One rule for every password, the bootstrap admin's included.
 */
public final class PasswordPolicy {

    public static final String RULE = "must be at least 8 characters and at most 72 bytes in UTF-8";

    private static final int MIN_CHARACTERS = 8;
    private static final int MAX_BYTES = 72;

    private PasswordPolicy() {}

    public static boolean accepts(String password) {
        return password != null
                && password.codePointCount(0, password.length()) >= MIN_CHARACTERS
                && password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }
}
