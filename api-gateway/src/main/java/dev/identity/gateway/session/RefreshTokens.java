package dev.identity.gateway.session;

import dev.identity.gateway.system.Sha256;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Opaque refresh tokens: {@code <session id>.<256 random bits, base64url>}. The session id routes the
 * refresh to its session; the random part is the secret. Only the SHA-256 of the whole token is stored.
 */
final class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SESSION_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int SECRET_BYTES = 32;

    private RefreshTokens() {}

    static String generate(String sessionId) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return sessionId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static String hash(String token) {
        return Sha256.hex(token);
    }

    /** The session a well-formed token belongs to. */
    static Optional<String> sessionIdOf(String token) {
        int dot = token.indexOf('.');
        if (dot < 0 || token.length() - dot - 1 < 43) {
            return Optional.empty();
        }
        String sessionId = token.substring(0, dot);
        return SESSION_ID.matcher(sessionId).matches() ? Optional.of(sessionId) : Optional.empty();
    }
}
