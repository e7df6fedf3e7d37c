package dev.identity.gateway.user;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.nio.charset.StandardCharsets;

class ValidPasswordValidator implements ConstraintValidator<ValidPassword, String> {

    static final int MIN_CHARACTERS = 8;
    static final int MAX_BYTES = 72;

    @Override
    public boolean isValid(String password, ConstraintValidatorContext context) {
        return password != null
                && password.codePointCount(0, password.length()) >= MIN_CHARACTERS
                && password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }
}
