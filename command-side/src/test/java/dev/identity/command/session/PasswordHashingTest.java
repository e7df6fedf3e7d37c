package dev.identity.command.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

class PasswordHashingTest {

    private static final PasswordProperties.Argon2 CHEAP = new PasswordProperties.Argon2(1024, 1, 1);
    private final PasswordEncoder encoder = new PasswordHashing().passwordEncoder(new PasswordProperties(4, CHEAP));

    @Test
    void encodeWhenNewPasswordThenArgon2idAtTheConfiguredParameters() {
        String hash = encoder.encode("correct horse");

        assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(encoder.matches("correct horse", hash)).isTrue();
        assertThat(encoder.matches("wrong horse", hash)).isFalse();
        assertThat(encoder.upgradeEncoding(hash)).isFalse();
    }

    @Test
    void matchesWhenBcryptHashThenVerifiesAndAsksForUpgrade() {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("correct horse");

        assertThat(encoder.matches("correct horse", hash)).isTrue();
        assertThat(encoder.matches("wrong horse", hash)).isFalse();
        assertThat(encoder.upgradeEncoding(hash)).isTrue();
    }

    @Test
    void matchesWhenPbkdf2HashThenVerifiesAndAsksForUpgrade() {
        String hash = "{pbkdf2}"
                + Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("correct horse");

        assertThat(encoder.matches("correct horse", hash)).isTrue();
        assertThat(encoder.matches("wrong horse", hash)).isFalse();
        assertThat(encoder.upgradeEncoding(hash)).isTrue();
    }

    @Test
    void upgradeEncodingWhenArgon2WithLessMemoryThenTrue() {
        String weaker = "{argon2}"
                + PasswordHashing.argon2(new PasswordProperties.Argon2(512, 1, 1))
                        .encode("correct horse");

        assertThat(encoder.matches("correct horse", weaker)).isTrue();
        assertThat(encoder.upgradeEncoding(weaker)).isTrue();
    }

    @Test
    void bindWhenNothingConfiguredThenOwaspsFirstChoice() {
        PasswordProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("identity.password", PasswordProperties.class);

        assertThat(properties.argon2()).isEqualTo(new PasswordProperties.Argon2(19456, 2, 1));
        assertThat(properties.bcryptStrength()).isEqualTo(10);
    }
}
