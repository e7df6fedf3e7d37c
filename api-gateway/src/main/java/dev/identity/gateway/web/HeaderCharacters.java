package dev.identity.gateway.web;

/**
 * The characters Spring Security's {@code StrictHttpFirewall} accepts in header names and values, checked by a
 * loop: its defaults match a regular expression ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, and for values
 * the same with a tab allowed) over the whole header each time the application reads it, a bearer token's
 * 800 characters included. The same strings pass and fail ({@code HeaderCharactersTest} compares the two
 * over every code point).
 */
final class HeaderCharacters {

    private HeaderCharacters() {}

    /** Assigned code points, none a control character. */
    static boolean validName(String name) {
        return valid(name, false);
    }

    /** As a name, and tabs. */
    static boolean validValue(String value) {
        return valid(value, true);
    }

    private static boolean valid(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (Character.isISOControl(codePoint)
                    ? !(tabAllowed && codePoint == '\t')
                    : codePoint >= 0x80 && !Character.isDefined(codePoint)) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
