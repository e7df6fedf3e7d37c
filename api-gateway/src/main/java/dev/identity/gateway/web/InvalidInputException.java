package dev.identity.gateway.web;

import java.util.List;

/** Input that passed bean validation but is still wrong (a cursor that does not decode, for example). */
public class InvalidInputException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidInputException(String field, String message) {
        super(message, null, false, false);
        this.errors = List.of(new FieldError(field, message));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
