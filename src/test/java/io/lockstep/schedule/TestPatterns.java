package io.lockstep.schedule;

import io.lockstep.pattern.Pattern;
import io.lockstep.pattern.Step;
import io.lockstep.pattern.Track;
import io.lockstep.pattern.TrackKind;
import io.lockstep.transport.Segment;
import io.lockstep.transport.Timeline;

import java.util.ArrayList;
import java.util.List;

/** Patterns and timelines for tests, written the way a musician reads them. */
public final class TestPatterns {

    private TestPatterns() {
    }

    /** A track playing {@code note} on each of {@code steps} at the matching velocity. */
    public static Track track(String instrument, double volume, boolean muted, int note, int[] steps, int[] velocities) {
        List<Step> all = new ArrayList<>();
        for (int i = 0; i < Pattern.STEPS; i++) {
            all.add(Step.off(note));
        }
        for (int i = 0; i < steps.length; i++) {
            all.set(steps[i], new Step(true, velocities[i], note));
        }
        TrackKind kind = instrument.equals("bass") || instrument.equals("lead") ? TrackKind.MELODIC : TrackKind.DRUM;
        return new Track(instrument + (muted ? "-muted" : ""), instrument, instrument, kind, volume, muted, all);
    }

    /** Plays from song step 0 at server time {@code atMicros}, without end. */
    public static Timeline playing(double bpm, double swing, long atMicros) {
        return new Timeline(bpm, swing, List.of(new Segment(0, Segment.OPEN, atMicros, bpm, swing)));
    }

    public static long barNanos(double bpm) {
        return Math.round(4 * 60e9 / bpm);
    }
}
