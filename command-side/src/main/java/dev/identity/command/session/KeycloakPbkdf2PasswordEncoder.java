package dev.identity.command.session;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Verifies PBKDF2 hashes imported from Keycloak, stored as {@code {pbkdf2-sha256}<iterations>$<salt>$<hash>}
 * (salt and hash in base64, as Keycloak exports them). Spring's {@code Pbkdf2PasswordEncoder} cannot: its
 * iteration count, salt length and algorithm are settings of the encoder, not part of the stored hash, while
 * every Keycloak credential carries its own iteration count. Verification only: new hashes use the default
 * encoder, and a user's imported hash is replaced by one on the next password change.
 */
public final class KeycloakPbkdf2PasswordEncoder implements PasswordEncoder {

    /** The ids under which these hashes are stored, as Keycloak names the algorithms. */
    public static final String SHA256 = "pbkdf2-sha256";

    public static final String SHA512 = "pbkdf2-sha512";

    private final String algorithm;

    private KeycloakPbkdf2PasswordEncoder(String algorithm) {
        this.algorithm = algorithm;
    }

    /** For {@code DelegatingPasswordEncoder}'s map of encoders by id. */
    public static Map<String, PasswordEncoder> byId() {
        return Map.of(
                SHA256,
                new KeycloakPbkdf2PasswordEncoder("PBKDF2WithHmacSHA256"),
                SHA512,
                new KeycloakPbkdf2PasswordEncoder("PBKDF2WithHmacSHA512"));
    }

    /** The stored form (without its id prefix) of a hash as Keycloak exports it. */
    public static String stored(int iterations, byte[] salt, byte[] hash) {
        Base64.Encoder base64 = Base64.getEncoder();
        return iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        throw new UnsupportedOperationException(
                "Imported PBKDF2 hashes are verified only; new hashes use the default encoder");
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return false;
        }
        String[] parts = encodedPassword.split("\\$", -1);
        if (parts.length != 3) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[0]);
            byte[] salt = Base64.getDecoder().decode(parts[1]);
            byte[] expected = Base64.getDecoder().decode(parts[2]);
            if (iterations < 1 || salt.length == 0 || expected.length == 0) {
                return false;
            }
            PBEKeySpec spec =
                    new PBEKeySpec(rawPassword.toString().toCharArray(), salt, iterations, expected.length * 8);
            byte[] actual =
                    SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
            spec.clearPassword();
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
