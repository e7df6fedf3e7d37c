package dev.identity.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.identity.events.common.EmailAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextInputTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a\u0000b",
                "a\u0001",
                "tab\there",
                "new\nline",
                "cr\r",
                "\u001f",
                "del\u007f",
                "c1\u0080",
                "next line\u0085",
                "\u009f"
            })
    void problemInTextWhenControlCharacterThenRefused(String value) {
        assertThat(TextInput.problemInText(value)).isEqualTo(TextInput.CONTROL_CHARACTER);
        assertThat(TextInput.problemInIdentifier(value)).isEqualTo(TextInput.CONTROL_CHARACTER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"high\uD800", "\uDC00low", "\uD800\uD800", "x\uDBFFy"})
    void problemInTextWhenUnpairedSurrogateThenRefused(String value) {
        assertThat(TextInput.problemInText(value)).isEqualTo(TextInput.UNPAIRED_SURROGATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zoë Ångström", "李小龙", "emoji \uD83D\uDE00", "مرحبا", "a\u202Eb", "\u00A0nbsp"})
    void problemInTextWhenPrintableTextThenAccepted(String value) {
        assertThat(TextInput.problemInText(value)).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\u202Aa",
                "a\u202B",
                "\u202C",
                "admin\u202Egpj.exe",
                "\u2066x",
                "\u2067",
                "\u2068",
                "\u2069",
                "lrm\u200E",
                "rlm\u200F",
                "alm\u061C"
            })
    void problemInIdentifierWhenBidiControlThenRefused(String value) {
        assertThat(TextInput.problemInIdentifier(value)).isEqualTo(TextInput.BIDI_CONTROL);
    }

    @Test
    void problemInIdentifierWhenOrdinaryIdentifiersThenAccepted() {
        assertThat(TextInput.problemInIdentifier("zoë@example.com")).isNull();
        assertThat(TextInput.problemInIdentifier("acme-corp")).isNull();
        assertThat(TextInput.problemInIdentifier("3f2b6c1e-9d4e-4c55-8a3e-0c2f9d3b1a77"))
                .isNull();
    }

    @Test
    void normalizeWhenDecomposedThenComposedAsOneText() {
        assertThat(TextInput.normalize("e\u0301")).isEqualTo("é");
        assertThat(Inputs.normalize("  Re\u0301my@example.com ")).isEqualTo("Rémy@example.com");
        assertThat(EmailAddress.normalize("RE\u0301MY@example.com"))
                .isEqualTo(EmailAddress.normalize("rémy@example.com"));
    }

    @Test
    void percentDecodeWhenValidThenDecoded() {
        assertThat(TextInput.percentDecode("a%20b+c", true)).isEqualTo("a b c");
        assertThat(TextInput.percentDecode("a+b", false)).isEqualTo("a+b");
        assertThat(TextInput.percentDecode("%C3%A9", true)).isEqualTo("é");
        assertThat(TextInput.percentDecode("%00", true)).isEqualTo("\u0000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "%z", "%zz", "a%2", "%g0"})
    void percentDecodeWhenMalformedEscapeThenRefused(String encoded) {
        assertThatThrownBy(() -> TextInput.percentDecode(encoded, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(TextInput.INVALID_PERCENT_ENCODING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%FF", "%C3", "%C3%28", "%ED%A0%80", "%F8%88%80%80%80", "%C0%AF"})
    void percentDecodeWhenNotUtf8ThenRefused(String encoded) {
        assertThatThrownBy(() -> TextInput.percentDecode(encoded, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(TextInput.INVALID_UTF8);
    }

    @Test
    void decodeUtf8WhenInvalidBytesThenRefusedInsteadOfReplaced() {
        assertThat(TextInput.decodeUtf8("ok é".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("ok é");
        assertThatThrownBy(() -> TextInput.decodeUtf8(new byte[] {'a', (byte) 0xC3}))
                .hasMessage(TextInput.INVALID_UTF8);
    }
}
