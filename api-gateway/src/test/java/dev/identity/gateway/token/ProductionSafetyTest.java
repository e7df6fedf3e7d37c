package dev.identity.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ProductionSafetyTest {

    private static final JwtProperties NO_KEY =
            new JwtProperties("identity", Duration.ofMinutes(15), null, List.of(), Duration.ofSeconds(30));

    @Test
    void signingKeyWhenProdProfileAndNoKeyThenRefusesToStart() {
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        assertThatThrownBy(() -> new SigningKey(NO_KEY, prod))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("identity.jwt.signing-key (IDENTITY_JWT_SIGNING_KEY) must be set in the prod profile");
    }

    @Test
    void signingKeyWhenNotProdAndNoKeyThenUsesThrowAwayKey() {
        SigningKey key = new SigningKey(NO_KEY, new MockEnvironment());
        assertThat(key.publicJwk().getId()).isNotBlank();
    }

    @Test
    void signingKeyWhenKeyIsNotPemThenFailsWithoutEchoingIt() {
        JwtProperties garbage = new JwtProperties(
                "identity", Duration.ofMinutes(15), "secret-garbage", List.of(), Duration.ofSeconds(30));
        assertThatThrownBy(() -> new SigningKey(garbage, new MockEnvironment()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("identity.jwt.signing-key is not a PKCS#8 PEM RSA private key")
                .hasMessageNotContaining("secret-garbage");
    }
}
