package io.lockstep.pattern;

/** An edit or a CRDT payload that cannot be applied; the document is unchanged. {@code code} is the wire error code. */
public class PatternException extends Exception {

    private final String code;

    public PatternException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
