package dev.identity.gateway.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ImportedPasswordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BCRYPT = "$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";
    private static final String ARGON2ID =
            "$argon2id$v=19$m=7168,t=5,p=1$c29tZXNhbHRzb21lc2FsdA$" + "3ZQ3bG1Ix1bFa2LKa6UvzOuDGfIWc8VTNqm7R0Ao3oc";

    @Test
    void storedWhenBcryptFromAuth0ThenPrefixedForTheDelegatingEncoder() throws Exception {
        assertThat(ImportedPasswords.stored(json("{\"algorithm\":\"bcrypt\",\"hash\":\"" + BCRYPT + "\"}")))
                .isEqualTo("{bcrypt}" + BCRYPT);
    }

    @Test
    void storedWhenKeycloakArgon2FieldsThenTheSamePhcStringAsThePhcForm() throws Exception {
        String fields = ImportedPasswords.stored(json("""
                {"algorithm":"argon2","type":"id","version":"1.3","memory":7168,"iterations":5,"parallelism":1,
                 "salt":"c29tZXNhbHRzb21lc2FsdA==","hash":"3ZQ3bG1Ix1bFa2LKa6UvzOuDGfIWc8VTNqm7R0Ao3oc="}"""));
        String phc = ImportedPasswords.stored(json("{\"algorithm\":\"argon2id\",\"hash\":\"" + ARGON2ID + "\"}"));

        assertThat(fields).isEqualTo(phc).isEqualTo("{argon2}" + ARGON2ID);
    }

    @Test
    void storedWhenKeycloakPbkdf2ThenItsIterationsTravelWithTheHash() throws Exception {
        assertThat(ImportedPasswords.stored(json("""
                {"algorithm":"pbkdf2-sha256","iterations":27500,"salt":"a2V5Y2xvYWstc2FsdC0xNg==",
                 "hash":"xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o="}""")))
                .isEqualTo(
                        "{pbkdf2-sha256}27500$a2V5Y2xvYWstc2FsdC0xNg==$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=");
    }

    @Test
    void storedWhenTheAlgorithmIsUnknownThenUnsupported() {
        assertRejected(
                "{\"algorithm\":\"md5\",\"hash\":\"5f4dcc3b5aa765d61d8327deb882cf99\"}", "UNSUPPORTED_HASH_ALGORITHM");
        assertRejected("{\"hash\":\"" + BCRYPT + "\"}", "UNSUPPORTED_HASH_ALGORITHM");
    }

    @Test
    void storedWhenTheHashIsMalformedOrTooCostlyThenInvalid() {
        assertRejected("{\"algorithm\":\"bcrypt\",\"hash\":\"$2b$10$short\"}", "INVALID_PASSWORD_HASH");
        assertRejected("{\"algorithm\":\"argon2i\",\"hash\":\"" + ARGON2ID + "\"}", "INVALID_PASSWORD_HASH");
        assertRejected(
                "{\"algorithm\":\"argon2id\",\"hash\":\"" + ARGON2ID.replace("m=7168", "m=4194304") + "\"}",
                "INVALID_PASSWORD_HASH");
        assertRejected("""
                {"algorithm":"pbkdf2-sha256","iterations":10,"salt":"a2V5Y2xvYWstc2FsdC0xNg==",
                 "hash":"xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o="}""", "INVALID_PASSWORD_HASH");
        assertRejected(
                "{\"algorithm\":\"pbkdf2-sha256\",\"iterations\":27500,\"salt\":\"%%%\",\"hash\":\"AAAA\"}",
                "INVALID_PASSWORD_HASH");
        assertRejected("\"plaintext\"", "INVALID_PASSWORD_HASH");
    }

    private static void assertRejected(String password, String code) {
        assertThatThrownBy(() -> ImportedPasswords.stored(json(password)))
                .isInstanceOfSatisfying(
                        RejectedLine.class,
                        rejected -> assertThat(rejected.code()).isEqualTo(code));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
