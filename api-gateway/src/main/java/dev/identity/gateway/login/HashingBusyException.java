package dev.identity.gateway.login;

/** The password hashing pool and its queue are full. */
public class HashingBusyException extends RuntimeException {

    public HashingBusyException() {
        super("password hashing pool is full", null, false, false);
    }
}
