package dev.identity.command.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

class KeycloakPbkdf2PasswordEncoderTest {

    /** The published PBKDF2-HMAC-SHA256 vector: P = "password", S = "salt", c = 4096, dkLen = 32. */
    private static final byte[] SALT = "salt".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] HASH =
            HexFormat.of().parseHex("c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");

    private final PasswordEncoder sha256 =
            KeycloakPbkdf2PasswordEncoder.byId().get(KeycloakPbkdf2PasswordEncoder.SHA256);

    @Test
    void matchesWhenTheHashCarriesItsOwnIterationsThenTrue() {
        String stored = KeycloakPbkdf2PasswordEncoder.stored(4096, SALT, HASH);

        assertThat(sha256.matches("password", stored)).isTrue();
        assertThat(sha256.matches("Password", stored)).isFalse();
        assertThat(sha256.matches("password", KeycloakPbkdf2PasswordEncoder.stored(4095, SALT, HASH)))
                .isFalse();
    }

    @Test
    void matchesWhenTheStoredFormIsMalformedThenFalse() {
        assertThat(sha256.matches("password", "4096$c2FsdA==")).isFalse();
        assertThat(sha256.matches("password", "many$c2FsdA==$AAAA")).isFalse();
        assertThat(sha256.matches("password", "0$c2FsdA==$AAAA")).isFalse();
        assertThat(sha256.matches("password", "4096$not base64$AAAA")).isFalse();
    }

    @Test
    void encodeWhenCalledThenRefusedBecauseImportedHashesAreVerifiedOnly() {
        assertThatThrownBy(() -> sha256.encode("password")).isInstanceOf(UnsupportedOperationException.class);
    }
}
