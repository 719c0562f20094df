package io.lockstep.room;

/** A request the room refuses; nothing changed. {@code code} is the wire error code. */
public class RoomException extends Exception {

    private final String code;

    public RoomException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
