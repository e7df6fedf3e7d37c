package dev.identity.gateway.user;

import dev.identity.events.user.UserPosition;
import dev.identity.gateway.web.InstantInput;
import dev.identity.gateway.web.InvalidInputException;
import dev.identity.gateway.web.TextInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/** Opaque cursors: clients pass back what they got and never build one themselves. */
final class UserCursor {

    private static final char SEPARATOR = '|';

    private UserCursor() {}

    static String encode(UserPosition position) {
        String plain = position.createdAt().toString() + SEPARATOR + position.userId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static UserPosition decode(String cursor) {
        try {
            String plain = TextInput.decodeUtf8(Base64.getUrlDecoder().decode(cursor));
            int separator = plain.indexOf(SEPARATOR);
            if (separator < 0 || TextInput.problemInIdentifier(plain) != null) {
                throw new IllegalArgumentException("not a position");
            }
            Instant createdAt = Instant.parse(plain.substring(0, separator));
            if (!InstantInput.storable(createdAt)) {
                throw new IllegalArgumentException("not a stored instant");
            }
            return new UserPosition(createdAt, plain.substring(separator + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidInputException("cursor", "is not a cursor this API returned");
        }
    }
}
