package io.lockstep.pattern;

import java.util.List;

/**
 * One row of the pattern: an instrument (a synthdef name) playing 16 steps.
 * Volume is linear gain 0.0-1.0.
 */
public record Track(String id, String name, String instrument, TrackKind kind, double volume, boolean muted,
                    List<Step> steps) {

    public Track {
        steps = List.copyOf(steps);
        if (steps.size() != Pattern.STEPS) {
            throw new IllegalArgumentException("a track has " + Pattern.STEPS + " steps, not " + steps.size());
        }
        if (!(volume >= 0.0 && volume <= 1.0)) {
            throw new IllegalArgumentException("volume must be 0.0-1.0, was " + volume);
        }
    }

    public Step step(int index) {
        return steps.get(index);
    }

    public Track withName(String value) {
        return new Track(id, value, instrument, kind, volume, muted, steps);
    }

    public Track withInstrument(String value) {
        return new Track(id, name, value, kind, volume, muted, steps);
    }

    public Track withVolume(double value) {
        return new Track(id, name, instrument, kind, value, muted, steps);
    }

    public Track withMuted(boolean value) {
        return new Track(id, name, instrument, kind, volume, value, steps);
    }

    public Track withSteps(List<Step> value) {
        return new Track(id, name, instrument, kind, volume, muted, value);
    }
}
