package dev.identity.command.session;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

/**
 * Hashes carry their algorithm as a prefix ({@code {argon2}...}, {@code {bcrypt}...}, {@code {pbkdf2}...}), in
 * Spring Security's formats. New hashes are Argon2id; the others verify, and
 * {@link PasswordEncoder#upgradeEncoding} tells the login to rehash them ({@link PasswordAuthenticator};
 * docs/adr/0006-argon2id-with-rehash-on-login.md).
 * PBKDF2 is Spring's SHA-256 encoder at its 5.8 defaults (310,000 iterations, which its format does not
 * store). Hashes imported from Keycloak's PBKDF2 keep ids of their own, as each carries its iteration count.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PasswordProperties.class)
class PasswordHashing {

    static final String ARGON2 = "argon2";
    static final String BCRYPT = "bcrypt";
    static final String PBKDF2 = "pbkdf2";

    @Bean
    PasswordEncoder passwordEncoder(PasswordProperties properties) {
        Map<String, PasswordEncoder> encoders = new HashMap<>(KeycloakPbkdf2PasswordEncoder.byId());
        encoders.put(ARGON2, argon2(properties.argon2()));
        encoders.put(BCRYPT, new BCryptPasswordEncoder(properties.bcryptStrength()));
        encoders.put(PBKDF2, Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8());
        return new DelegatingPasswordEncoder(ARGON2, encoders);
    }

    /** A 16-byte salt and a 32-byte hash, as OWASP and Spring's defaults have them. */
    static Argon2PasswordEncoder argon2(PasswordProperties.Argon2 parameters) {
        return new Argon2PasswordEncoder(
                16, 32, parameters.parallelism(), parameters.memoryKib(), parameters.iterations());
    }
}
