package dev.identity.gateway.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * The rules every text the API receives passes before any command or query, in a body, a path or a query
 * parameter: no control characters (C0 including tab and newline, DEL, C1 including U+0085), no unpaired
 * surrogates, valid UTF-8. PostgreSQL's {@code text} refuses 0x00 and {@code jsonb} refuses {@code \u0000};
 * an event carrying one would be stored and then fail its projections forever. Identifiers (slugs, emails,
 * role names, ids) must also hold no bidirectional controls, which make one string display as another.
 */
public final class TextInput {

    public static final String CONTROL_CHARACTER = "must not contain control characters";
    public static final String UNPAIRED_SURROGATE = "must not contain unpaired surrogates";
    public static final String BIDI_CONTROL = "must not contain bidirectional control characters";
    public static final String INVALID_UTF8 = "is not valid UTF-8";
    public static final String INVALID_PERCENT_ENCODING = "is not valid percent-encoding";

    private TextInput() {}

    /** Why free text (a display name, a password) is refused, or {@code null} when it is acceptable. */
    public static String problemInText(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isControl(c)) {
                return CONTROL_CHARACTER;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return UNPAIRED_SURROGATE;
            }
            if (Character.isLowSurrogate(c)) {
                return UNPAIRED_SURROGATE;
            }
        }
        return null;
    }

    /** Why an identifier is refused, or {@code null}: the rules of free text, and no bidirectional controls. */
    public static String problemInIdentifier(CharSequence value) {
        String problem = problemInText(value);
        if (problem != null) {
            return problem;
        }
        for (int i = 0; i < value.length(); i++) {
            if (isBidiControl(value.charAt(i))) {
                return BIDI_CONTROL;
            }
        }
        return null;
    }

    /** Canonical composition (NFC): "e" followed by a combining acute accent is the same text as "é". */
    public static String normalize(String value) {
        return value == null ? null : Normalizer.normalize(value, Normalizer.Form.NFC);
    }

    /**
     * Decodes a percent-encoded URL part as UTF-8, strictly: a malformed escape or a byte sequence that is not
     * UTF-8 is refused, where a lenient decoder would substitute U+FFFD. {@code +} is a space, as in forms.
     *
     * @throws IllegalArgumentException whose message is {@link #INVALID_PERCENT_ENCODING} or {@link #INVALID_UTF8}
     */
    public static String percentDecode(String encoded, boolean plusIsSpace) {
        if (encoded.indexOf('%') < 0 && (!plusIsSpace || encoded.indexOf('+') < 0)) {
            return encoded;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new IllegalArgumentException(INVALID_PERCENT_ENCODING);
                }
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException(INVALID_PERCENT_ENCODING);
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] literal = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(literal, 0, literal.length);
            }
        }
        return decodeUtf8(bytes.toByteArray());
    }

    /** @throws IllegalArgumentException with {@link #INVALID_UTF8} for bytes that are not UTF-8 */
    public static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(INVALID_UTF8);
        }
    }

    private static boolean isControl(char c) {
        return c <= 0x1F || (c >= 0x7F && c <= 0x9F);
    }

    private static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200E'
                || c == '\u200F'
                || c == '\u061C';
    }
}
