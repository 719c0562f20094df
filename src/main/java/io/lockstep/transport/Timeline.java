package io.lockstep.transport;

import java.util.List;

/**
 * Where the music is in the room's (server) time, like an Ableton Link timeline: the tempo and swing the
 * leader has set, and the playback segments, in time order and not overlapping. An empty list, or a list
 * whose last segment has ended, means stopped. Late joiners and resumed tabs need only this and their clock
 * offset to fall straight into phase.
 */
public record Timeline(double bpm, double swing, List<Segment> segments) {

    public static final double MIN_BPM = 20.0;
    public static final double MAX_BPM = 300.0;
    public static final double MAX_SWING = 0.5;
    public static final int STEPS_PER_BAR = 16;
    public static final double DEFAULT_BPM = 120.0;

    public Timeline {
        checkTempo(bpm);
        checkSwing(swing);
        segments = List.copyOf(segments);
    }

    public static Timeline stopped(double bpm, double swing) {
        return new Timeline(bpm, swing, List.of());
    }

    static void checkTempo(double bpm) {
        if (!(bpm >= MIN_BPM && bpm <= MAX_BPM)) {
            throw new IllegalArgumentException("tempo must be " + MIN_BPM + "-" + MAX_BPM + " BPM, was " + bpm);
        }
    }

    static void checkSwing(double swing) {
        if (!(swing >= 0.0 && swing <= MAX_SWING)) {
            throw new IllegalArgumentException("swing must be 0.0-" + MAX_SWING + ", was " + swing);
        }
    }

    static double stepMicros(double bpm) {
        return 60_000_000.0 / bpm / 4.0;
    }

    /** Whether any step sounds at or after server time {@code nowMicros}. */
    public boolean playingAt(long nowMicros) {
        return !segments.isEmpty() && segments.getLast().endMicros() > nowMicros;
    }
}
