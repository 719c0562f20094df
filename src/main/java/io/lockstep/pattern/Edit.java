package io.lockstep.pattern;

/**
 * One musician's intent, applied to the document as one Automerge change.
 * Track ids are the stable keys; indexes are display positions.
 */
public sealed interface Edit {

    String trackId();

    /** Flips a step on or off. */
    record ToggleStep(String trackId, int step) implements Edit { }

    /** Sets a step's whole state at once (used by undo). */
    record SetStep(String trackId, int step, Step value) implements Edit { }

    record SetVelocity(String trackId, int step, int velocity) implements Edit { }

    record SetNote(String trackId, int step, int note) implements Edit { }

    /** Adds {@code track} (its id must be new) at display position {@code index} (0..size). */
    record AddTrack(Track track, int index) implements Edit {
        @Override
        public String trackId() {
            return track.id();
        }
    }

    record RemoveTrack(String trackId) implements Edit { }

    record RenameTrack(String trackId, String name) implements Edit { }

    /** Moves a track to display position {@code index} (0..size-1). */
    record MoveTrack(String trackId, int index) implements Edit { }

    record SetInstrument(String trackId, String instrument) implements Edit { }

    record SetVolume(String trackId, double volume) implements Edit { }

    record SetMuted(String trackId, boolean muted) implements Edit { }

    /** Turns every step of the track off (velocities and notes stay). */
    record ClearTrack(String trackId) implements Edit { }
}
