package io.lockstep.pattern;

import io.lockstep.Refusal;

/** An edit or a CRDT payload that cannot be applied; the document is unchanged. {@code code} is the wire error code. */
public class PatternException extends Refusal {

    public PatternException(String code, String message) {
        super(code, message);
    }
}
