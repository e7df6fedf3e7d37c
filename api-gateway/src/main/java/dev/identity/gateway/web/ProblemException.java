package dev.identity.gateway.web;

/** A request refused with one of the web layer's problems; answered as that problem by the exception handler. */
public class ProblemException extends RuntimeException {

    private final ProblemCode code;

    public ProblemException(ProblemCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ProblemCode code() {
        return code;
    }
}
