package io.lockstep.ui;

import io.lockstep.transport.Timeline;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalDouble;

/**
 * The tempo a musician taps: one beat per tap, averaged over the last {@value #TAPS_KEPT} taps so one uneven tap
 * barely moves it. A pause longer than a beat at the slowest tempo starts a new count. Tap times are the browser's
 * own event times in milliseconds, so the network's jitter never reaches the tempo.
 */
final class TapTempo {

    static final int TAPS_KEPT = 8;
    private static final double MILLIS_PER_MINUTE = 60_000.0;
    private static final double LONGEST_BEAT_MILLIS = MILLIS_PER_MINUTE / Timeline.MIN_BPM;

    private final Deque<Double> taps = new ArrayDeque<>();

    /** A tap at {@code millis}; the tempo in BPM (to a tenth, within the room's range) from the second tap of a count on. */
    OptionalDouble tap(double millis) {
        if (!taps.isEmpty() && (millis <= taps.getLast() || millis - taps.getLast() > LONGEST_BEAT_MILLIS)) {
            taps.clear();
        }
        taps.addLast(millis);
        if (taps.size() > TAPS_KEPT) {
            taps.removeFirst();
        }
        if (taps.size() < 2) {
            return OptionalDouble.empty();
        }
        double beat = (taps.getLast() - taps.getFirst()) / (taps.size() - 1);
        double bpm = Math.round(MILLIS_PER_MINUTE / beat * 10) / 10.0;
        return OptionalDouble.of(Math.clamp(bpm, Timeline.MIN_BPM, Timeline.MAX_BPM));
    }
}
