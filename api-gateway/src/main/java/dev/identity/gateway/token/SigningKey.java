package dev.identity.gateway.token;

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
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The RSA key that signs access tokens, and every key that verifies them (the signing key plus the
 * configured verification keys), each with its key id: the RFC 7638 thumbprint of the public key.
 * RS256 because verification is what every request pays for, and RSA verifies several times faster than
 * EdDSA or ECDSA with jjwt on this hardware.
 */
@Component
public class SigningKey {

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    private static final String PRIVATE_PEM = "-----BEGIN PRIVATE KEY-----";

    private final RsaPrivateJwk privateJwk;
    private final List<RsaPublicJwk> verificationJwks;

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
            privateKey = parsePrivate(properties.signingKey(), "identity.jwt.signing-key");
        }
        this.privateJwk = Jwks.builder()
                .key(privateKey)
                .publicKey(publicKeyOf(privateKey))
                .idFromThumbprint()
                .build();
        List<RsaPublicJwk> keys = new ArrayList<>();
        keys.add(privateJwk.toPublicJwk());
        for (String pem : properties.verificationKeys()) {
            RsaPublicJwk key =
                    Jwks.builder().key(parsePublic(pem)).idFromThumbprint().build();
            if (keys.stream().noneMatch(known -> known.getId().equals(key.getId()))) {
                keys.add(key);
            }
        }
        this.verificationJwks = List.copyOf(keys);
        log.info(
                "Access tokens are signed with key id {} and verified with key ids {}",
                privateJwk.getId(),
                verificationJwks.stream().map(RsaPublicJwk::getId).toList());
    }

    public RsaPrivateJwk privateJwk() {
        return privateJwk;
    }

    public RsaPublicJwk publicJwk() {
        return privateJwk.toPublicJwk();
    }

    /** The signing key's public half first, then the other verification keys. */
    public List<RsaPublicJwk> verificationJwks() {
        return verificationJwks;
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

    private static RSAPrivateCrtKey parsePrivate(String pem, String property) {
        try {
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException(property + " is not a PKCS#8 PEM RSA private key", e);
        }
    }

    private static RSAPublicKey parsePublic(String pem) {
        if (pem.contains(PRIVATE_PEM)) {
            return publicKeyOf(parsePrivate(pem, "identity.jwt.verification-keys"));
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("identity.jwt.verification-keys holds a key that is not an RSA PEM key", e);
        }
    }

    private static byte[] der(String pem) {
        return Base64.getDecoder()
                .decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", ""));
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
