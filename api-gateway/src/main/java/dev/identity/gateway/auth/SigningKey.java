package dev.identity.gateway.auth;

import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.RsaPrivateJwk;
import io.jsonwebtoken.security.RsaPublicJwk;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The RSA key that signs access tokens, with its key id (the RFC 7638 thumbprint of the public key).
 * RS256 because verification is what every request pays for, and RSA verifies several times faster than
 * EdDSA or ECDSA with jjwt on this hardware.
 */
@Component
public class SigningKey {

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);

    private final RsaPrivateJwk privateJwk;

    public SigningKey(JwtProperties properties, Environment environment) {
        RSAPrivateCrtKey privateKey;
        if (properties.signingKey() == null || properties.signingKey().isBlank()) {
            if (environment.acceptsProfiles(Profiles.of("prod"))) {
                throw new IllegalStateException(
                        "identity.jwt.signing-key (IDENTITY_JWT_SIGNING_KEY) must be set in the prod profile");
            }
            log.warn("No identity.jwt.signing-key configured: using a throw-away key; tokens will not survive a "
                    + "restart and other instances will not accept them");
            privateKey = generate();
        } else {
            privateKey = parse(properties.signingKey());
        }
        RSAPublicKey publicKey = publicKeyOf(privateKey);
        this.privateJwk = Jwks.builder().key(privateKey).publicKey(publicKey).idFromThumbprint().build();
        log.info("Access tokens are signed with key id {}", privateJwk.getId());
    }

    public RsaPrivateJwk privateJwk() {
        return privateJwk;
    }

    public RsaPublicJwk publicJwk() {
        return privateJwk.toPublicJwk();
    }

    private static RSAPrivateCrtKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        }
    }

    private static RSAPrivateCrtKey parse(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("identity.jwt.signing-key is not a PKCS#8 PEM RSA private key", e);
        }
    }

    private static RSAPublicKey publicKeyOf(RSAPrivateCrtKey privateKey) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("Cannot derive the public key from the signing key", e);
        }
    }
}
