package io.lockstep.transport;

/** A transport or leadership request that cannot be applied; nothing changed. {@code code} is the wire error code. */
public class TransportException extends Exception {

    private final String code;

    public TransportException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
