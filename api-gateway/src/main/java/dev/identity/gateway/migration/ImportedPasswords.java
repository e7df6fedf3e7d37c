package dev.identity.gateway.migration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.identity.command.session.KeycloakPbkdf2PasswordEncoder;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a password hash exported by another system into the form {@code DelegatingPasswordEncoder} verifies,
 * without the password: {@code {bcrypt}$2b$...}, {@code {argon2}$argon2id$...},
 * {@code {pbkdf2-sha256}<iterations>$<salt>$<hash>}. Cost parameters are bounded, so that an imported hash
 * cannot make one login cost the server minutes or gigabytes.
 */
final class ImportedPasswords {

    static final String UNSUPPORTED = "UNSUPPORTED_HASH_ALGORITHM";
    static final String INVALID = "INVALID_PASSWORD_HASH";

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");
    private static final Pattern ARGON2 = Pattern.compile(
            "\\$(argon2(?:id|i|d))\\$v=(16|19)\\$m=(\\d{1,9}),t=(\\d{1,4}),p=(\\d{1,3})\\$[A-Za-z0-9+/]{11,}\\$[A-Za-z0-9+/]{16,}");
    private static final int MAX_ARGON2_MEMORY_KIB = 256 * 1024;
    private static final int MAX_ARGON2_ITERATIONS = 100;
    private static final int MAX_ARGON2_PARALLELISM = 16;
    private static final int MIN_PBKDF2_ITERATIONS = 1_000;
    private static final int MAX_PBKDF2_ITERATIONS = 5_000_000;

    private ImportedPasswords() {}

    static String stored(JsonNode password) throws RejectedLine {
        if (password == null || !password.isObject()) {
            throw new RejectedLine(INVALID, "password must be an object with an algorithm and a hash");
        }
        String algorithm = password.path("algorithm").asText("");
        return switch (algorithm) {
            case "bcrypt" -> bcrypt(text(password, "hash"));
            case "argon2id", "argon2i", "argon2d" -> argon2(algorithm, text(password, "hash"));
            case "argon2" -> argon2(keycloakArgon2(password));
            case KeycloakPbkdf2PasswordEncoder.SHA256, KeycloakPbkdf2PasswordEncoder.SHA512 ->
                pbkdf2(algorithm, password);
            default ->
                throw new RejectedLine(
                        UNSUPPORTED,
                        "algorithm must be one of bcrypt, argon2id, argon2i,"
                                + " argon2d, argon2, pbkdf2-sha256, pbkdf2-sha512");
        };
    }

    private static String bcrypt(String hash) throws RejectedLine {
        if (!BCRYPT.matcher(hash).matches()) {
            throw new RejectedLine(INVALID, "a bcrypt hash looks like $2b$10$ followed by 53 characters");
        }
        return "{bcrypt}" + hash;
    }

    private static String argon2(String algorithm, String hash) throws RejectedLine {
        if (!hash.startsWith("$" + algorithm + "$")) {
            throw new RejectedLine(INVALID, "the hash is not an " + algorithm + " hash");
        }
        return argon2(hash);
    }

    private static String argon2(String hash) throws RejectedLine {
        Matcher argon2 = ARGON2.matcher(hash);
        if (!argon2.matches()) {
            throw new RejectedLine(INVALID, "an Argon2 hash looks like $argon2id$v=19$m=19456,t=2,p=1$salt$hash");
        }
        if (Long.parseLong(argon2.group(3)) > MAX_ARGON2_MEMORY_KIB
                || Integer.parseInt(argon2.group(4)) > MAX_ARGON2_ITERATIONS
                || Integer.parseInt(argon2.group(5)) > MAX_ARGON2_PARALLELISM) {
            throw new RejectedLine(
                    INVALID,
                    "Argon2 parameters above m=" + MAX_ARGON2_MEMORY_KIB + ", t=" + MAX_ARGON2_ITERATIONS + ", p="
                            + MAX_ARGON2_PARALLELISM + " are not accepted");
        }
        return "{argon2}" + hash;
    }

    /** Keycloak's Argon2 credential: the salt and hash in base64, its parameters as fields of their own. */
    private static String keycloakArgon2(JsonNode password) throws RejectedLine {
        String type = password.path("type").asText("id");
        if (!type.equals("id") && !type.equals("i") && !type.equals("d")) {
            throw new RejectedLine(INVALID, "type must be id, i or d");
        }
        String version = password.path("version").asText("1.3");
        int v = switch (version) {
            case "1.3" -> 19;
            case "1.0" -> 16;
            default -> throw new RejectedLine(INVALID, "version must be 1.3 or 1.0");
        };
        Base64.Encoder phc = Base64.getEncoder().withoutPadding();
        return "$argon2" + type + "$v=" + v + "$m=" + positive(password, "memory") + ",t="
                + positive(password, "iterations") + ",p=" + positive(password, "parallelism") + "$"
                + phc.encodeToString(base64(password, "salt")) + "$" + phc.encodeToString(base64(password, "hash"));
    }

    private static String pbkdf2(String algorithm, JsonNode password) throws RejectedLine {
        int iterations = positive(password, "iterations");
        if (iterations < MIN_PBKDF2_ITERATIONS || iterations > MAX_PBKDF2_ITERATIONS) {
            throw new RejectedLine(
                    INVALID, "iterations must be between " + MIN_PBKDF2_ITERATIONS + " and " + MAX_PBKDF2_ITERATIONS);
        }
        byte[] salt = base64(password, "salt");
        byte[] hash = base64(password, "hash");
        if (salt.length < 8 || hash.length < 16 || hash.length > 128) {
            throw new RejectedLine(INVALID, "the salt must be at least 8 bytes and the hash 16 to 128");
        }
        return "{" + algorithm + "}" + KeycloakPbkdf2PasswordEncoder.stored(iterations, salt, hash);
    }

    private static String text(JsonNode password, String field) throws RejectedLine {
        JsonNode value = password.get(field);
        if (value == null || !value.isTextual()) {
            throw new RejectedLine(INVALID, field + " must be a string");
        }
        return value.asText();
    }

    private static int positive(JsonNode password, String field) throws RejectedLine {
        JsonNode value = password.get(field);
        if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToInt() || value.asInt() < 1) {
            throw new RejectedLine(INVALID, field + " must be a positive integer");
        }
        return value.asInt();
    }

    private static byte[] base64(JsonNode password, String field) throws RejectedLine {
        try {
            byte[] bytes = Base64.getDecoder().decode(text(password, field));
            if (bytes.length == 0) {
                throw new RejectedLine(INVALID, field + " must not be empty");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new RejectedLine(INVALID, field + " must be base64");
        }
    }
}
