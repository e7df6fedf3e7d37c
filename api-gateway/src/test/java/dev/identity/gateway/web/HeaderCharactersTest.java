package dev.identity.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The loops accept exactly what StrictHttpFirewall's default expressions accept. */
class HeaderCharactersTest {

    /** StrictHttpFirewall's, as of Spring Security 6.5. */
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointIsJudgedAsTheFirewallsExpressionsJudgeIt() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "a" + new String(Character.toChars(codePoint)) + "b";
            assertThat(HeaderCharacters.validName(text))
                    .as("name U+%04X", codePoint)
                    .isEqualTo(NAME.matcher(text).matches());
            assertThat(HeaderCharacters.validValue(text))
                    .as("value U+%04X", codePoint)
                    .isEqualTo(VALUE.matcher(text).matches());
        }
    }

    @Test
    void unpairedSurrogatesEmptyAndLongHeadersAreJudgedTheSame() {
        for (String text : List.of(
                "",
                "\uD800",
                "x\uDC00y",
                "\uDBFF\uDFFF",
                "\uD83D\uDE00",
                "Bearer " + "e".repeat(900),
                "a\tb",
                "a\u0085b",
                "a\u007Fb",
                "\u00A0\u00FF")) {
            assertThat(HeaderCharacters.validName(text))
                    .as("name %s", text)
                    .isEqualTo(NAME.matcher(text).matches());
            assertThat(HeaderCharacters.validValue(text))
                    .as("value %s", text)
                    .isEqualTo(VALUE.matcher(text).matches());
        }
    }
}
