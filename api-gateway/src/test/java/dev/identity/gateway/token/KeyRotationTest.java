package dev.identity.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.identity.gateway.access.AccessCacheProperties;
import io.jsonwebtoken.security.RsaPublicJwk;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The documented rotation, step by step: (1) every instance learns the next key as a verification key,
 * (2) instances sign with the next key and keep the old one for verification, (3) once the old tokens have
 * expired, the old key goes. Tokens stay valid on every instance at every step.
 */
class KeyRotationTest {

    private final KeyPair oldKey = generate();
    private final KeyPair newKey = generate();

    @Test
    void tokensStayValidThroughEveryStepOfARotation() {
        AccessTokens before = tokens(oldKey, List.of());
        AccessTokens stepOne = tokens(oldKey, List.of(publicPem(newKey)));
        AccessTokens stepTwo = tokens(newKey, List.of(publicPem(oldKey)));
        AccessTokens stepThree = tokens(newKey, List.of());

        String oldToken = issue(before);
        String newToken = issue(stepTwo);

        assertThat(stepOne.verify(newToken).userId()).isEqualTo("user");
        assertThat(stepTwo.verify(oldToken).userId()).isEqualTo("user");
        assertThat(stepThree.verify(newToken).userId()).isEqualTo("user");
        assertThatThrownBy(() -> before.verify(newToken))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("The access token is signed with an unknown key.");
        assertThatThrownBy(() -> stepThree.verify(oldToken)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void jwksListsTheSigningKeyFirstThenTheVerificationKeys() {
        SigningKey during = signingKey(newKey, List.of(publicPem(oldKey), privatePem(oldKey)));
        List<String> ids =
                during.verificationJwks().stream().map(RsaPublicJwk::getId).toList();
        assertThat(ids).hasSize(2).first().isEqualTo(during.privateJwk().getId());
        assertThat(ids.get(1))
                .isEqualTo(signingKey(oldKey, List.of()).privateJwk().getId());
    }

    private static String issue(AccessTokens tokens) {
        return tokens.issue("user", "tenant", UUID.randomUUID().toString()).accessToken();
    }

    private static AccessTokens tokens(KeyPair signing, List<String> verification) {
        return new AccessTokens(
                signingKey(signing, verification),
                properties(signing, verification),
                new AccessCacheProperties(Duration.ofMinutes(1), 1000));
    }

    private static SigningKey signingKey(KeyPair signing, List<String> verification) {
        return new SigningKey(properties(signing, verification), new MockEnvironment());
    }

    private static JwtProperties properties(KeyPair signing, List<String> verification) {
        return new JwtProperties(
                "identity", Duration.ofMinutes(15), privatePem(signing), verification, Duration.ofSeconds(30));
    }

    private static String privatePem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static String publicPem(KeyPair pair) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
