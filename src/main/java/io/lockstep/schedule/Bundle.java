package io.lockstep.schedule;

import java.util.List;

/** Every note of one song step, to start together at local epoch time {@code atNanos}. */
public record Bundle(long step, long atNanos, List<Note> notes) {

    public Bundle {
        notes = List.copyOf(notes);
    }

    public TimeTag timeTag() {
        return TimeTag.ofEpochNanos(atNanos);
    }
}
