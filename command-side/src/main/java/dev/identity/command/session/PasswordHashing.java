package dev.identity.command.session;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Hashes carry their algorithm as a prefix ({@code {bcrypt}...}), so a later move to Argon2id can verify
 * old hashes and upgrade them on the next login. Hashes imported from Keycloak's PBKDF2 keep their own ids.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PasswordProperties.class)
class PasswordHashing {

    @Bean
    PasswordEncoder passwordEncoder(PasswordProperties properties) {
        Map<String, PasswordEncoder> encoders = new HashMap<>(KeycloakPbkdf2PasswordEncoder.byId());
        encoders.put("bcrypt", new BCryptPasswordEncoder(properties.bcryptStrength()));
        return new DelegatingPasswordEncoder("bcrypt", encoders);
    }
}
