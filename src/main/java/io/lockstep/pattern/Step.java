package io.lockstep.pattern;

/** One sixteenth of a track: on or off, how hard (1-127) and, on melodic tracks, which MIDI note (0-127). */
public record Step(boolean on, int velocity, int note) {

    public static final int MIN_VELOCITY = 1;
    public static final int MAX_VELOCITY = 127;
    public static final int MAX_NOTE = 127;
    public static final int DEFAULT_VELOCITY = 100;

    public Step {
        if (velocity < MIN_VELOCITY || velocity > MAX_VELOCITY) {
            throw new IllegalArgumentException("velocity must be 1-127, was " + velocity);
        }
        if (note < 0 || note > MAX_NOTE) {
            throw new IllegalArgumentException("note must be 0-127, was " + note);
        }
    }

    public static Step off(int note) {
        return new Step(false, DEFAULT_VELOCITY, note);
    }

    public Step withOn(boolean value) {
        return new Step(value, velocity, note);
    }

    public Step withVelocity(int value) {
        return new Step(on, value, note);
    }

    public Step withNote(int value) {
        return new Step(on, velocity, value);
    }
}
