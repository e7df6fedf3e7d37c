package dev.identity.gateway.token;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes every public key that verifies access tokens (RFC 7517): the signing key and, around a
 * rotation, the next or previous one. Resource servers elsewhere pick the key by the token's {@code kid}.
 */
@RestController
class JwksController {

    private final SigningKey signingKey;

    JwksController(SigningKey signingKey) {
        this.signingKey = signingKey;
    }

    @Operation(summary = "The JSON Web Key Set that verifies access tokens")
    @GetMapping("/.well-known/jwks.json")
    ResponseEntity<Map<String, List<Map<String, ?>>>> jwks() {
        List<Map<String, ?>> keys = List.copyOf(signingKey.verificationJwks());
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(Map.of("keys", keys));
    }
}
