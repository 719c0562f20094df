package io.lockstep.sync;

import io.lockstep.Refusal;

/** A frame the protocol cannot accept; answered with an ERROR carrying {@code code}. */
final class ProtocolException extends Refusal {

    ProtocolException(String code, String message) {
        super(code, message);
    }
}
