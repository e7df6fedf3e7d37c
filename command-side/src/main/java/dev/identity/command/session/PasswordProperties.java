package dev.identity.command.session;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * New hashes are Argon2id; bcrypt hashes stored before it still verify and are rehashed on the next login.
 *
 * @param bcryptStrength log2 of the bcrypt work factor of hashes stored before Argon2id; a bcrypt hash below it
 *                       is rehashed like any other old hash
 * @param argon2 the Argon2id parameters of new hashes
 */
@ConfigurationProperties("identity.password")
public record PasswordProperties(
        @DefaultValue("10") int bcryptStrength,
        @DefaultValue Argon2 argon2) {

    /**
     * OWASP's first choice (Password Storage Cheat Sheet); it lists m = 7 MiB, t = 5 (Keycloak's default) as
     * equivalent. A stored hash with any parameter below these is rehashed on the next login.
     *
     * @param memoryKib memory per hash in KiB (19456 = 19 MiB)
     * @param iterations passes over the memory
     * @param parallelism lanes; 1, because the hashing pool already runs one hash per core
     */
    public record Argon2(
            @DefaultValue("19456") int memoryKib,
            @DefaultValue("2") int iterations,
            @DefaultValue("1") int parallelism) {

        public Argon2 {
            if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
                throw new IllegalArgumentException(
                        "identity.password.argon2 needs iterations >= 1, parallelism >= 1 and memory-kib >= 8 x parallelism");
            }
        }
    }
}
