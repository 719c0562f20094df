package io.lockstep.transport;

import io.lockstep.Refusal;

/** A transport or leadership request that cannot be applied; nothing changed. {@code code} is the wire error code. */
public class TransportException extends Refusal {

    public TransportException(String code, String message) {
        super(code, message);
    }
}
