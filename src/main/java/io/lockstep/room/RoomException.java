package io.lockstep.room;

import io.lockstep.Refusal;

/** A request the room refuses; nothing changed. {@code code} is the wire error code. */
public class RoomException extends Refusal {

    public RoomException(String code, String message) {
        super(code, message);
    }
}
