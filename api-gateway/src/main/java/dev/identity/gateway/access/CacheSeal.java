package dev.identity.gateway.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals what the access cache puts into Redis with an HMAC-SHA256 over the key and the value, under a key
 * Redis never sees (derived from the token signing key, which every instance has). An entry that does not
 * verify was not written by an instance, or was moved to another key: it is ignored, so whoever can write to
 * Redis cannot grant anyone a role.
 */
public final class CacheSeal {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    /** @param secret key material the instances share and Redis does not hold */
    public CacheSeal(byte[] secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("identity access cache seal v1".getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(sha256.digest(secret), ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    String seal(String redisKey, String value) {
        return ENCODER.encodeToString(mac(redisKey, value)) + "." + value;
    }

    /** The value, if {@code sealed} was sealed under {@code redisKey} by an instance. */
    Optional<String> open(String redisKey, String sealed) {
        int dot = sealed.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String value = sealed.substring(dot + 1);
        byte[] presented;
        try {
            presented = DECODER.decode(sealed.substring(0, dot));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(presented, mac(redisKey, value)) ? Optional.of(value) : Optional.empty();
    }

    private byte[] mac(String redisKey, String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(redisKey.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '\n');
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
