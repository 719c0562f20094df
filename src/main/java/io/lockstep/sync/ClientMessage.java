package io.lockstep.sync;

import io.lockstep.room.Role;

/** Every JSON control message a client may send, by its {@code type}. Field meanings are in docs/PROTOCOL.md. */
sealed interface ClientMessage {

    record Create(String name, Role role) implements ClientMessage { }

    record Join(String room, String name, Role role, String resume, boolean sync) implements ClientMessage { }

    record Leave() implements ClientMessage { }

    record Undo() implements ClientMessage { }

    record Redo() implements ClientMessage { }

    record TimePing(long id, long t1) implements ClientMessage { }

    record ClockReport(long rttMicros, long uncertaintyMicros, double driftPpm) implements ClientMessage { }

    record ClaimLead() implements ClientMessage { }

    record HandLead(String to) implements ClientMessage { }

    record SetTempo(double bpm) implements ClientMessage { }

    record SetSwing(double swing) implements ClientMessage { }

    /** {@code at}: an explicit start (server µs) or null for the earliest; {@code onBar}: start on the next bar boundary. */
    record Play(Long at, boolean onBar) implements ClientMessage { }

    /** {@code atBarEnd}: stop at the end of the current bar rather than at the next step. */
    record Stop(boolean atBarEnd) implements ClientMessage { }

    record Seek(long bar) implements ClientMessage { }
}
