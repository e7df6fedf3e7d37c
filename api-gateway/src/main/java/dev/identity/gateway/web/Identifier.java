package dev.identity.gateway.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A value people recognize an account or a tenant by (an email, a slug): besides the rules of all text, no
 * bidirectional controls, with which one identifier can display as another. {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = Identifier.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Identifier {

    String message() default TextInput.BIDI_CONTROL;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Identifier, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || TextInput.problemInIdentifier(value) == null;
        }
    }
}
