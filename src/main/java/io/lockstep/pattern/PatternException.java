package io.lockstep.pattern;

/** An edit or a CRDT payload that cannot be applied; the document is unchanged. {@code code} is the wire error code. */
public class PatternException extends Exception {

    public static final String OUT_OF_RANGE = "OUT_OF_RANGE";
    public static final String UNKNOWN_TRACK = "UNKNOWN_TRACK";
    public static final String DUPLICATE_TRACK = "DUPLICATE_TRACK";
    public static final String TOO_MANY_TRACKS = "TOO_MANY_TRACKS";
    public static final String BAD_NAME = "BAD_NAME";
    public static final String BAD_INSTRUMENT = "BAD_INSTRUMENT";
    public static final String BAD_CHANGE = "BAD_CHANGE";
    public static final String NO_NEW_CHANGE = "NO_NEW_CHANGE";
    public static final String SCHEMA_VIOLATION = "SCHEMA_VIOLATION";
    public static final String BAD_DOCUMENT = "BAD_DOCUMENT";
    public static final String BAD_SYNC = "BAD_SYNC";

    private final String code;

    public PatternException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
