package io.lockstep.clock;

import java.util.ArrayList;
import java.util.List;

/**
 * Estimates server time from a client's TIME_PING/TIME_PONG samples.
 *
 * <p>The offset (server minus local time) is a line over local time, so drift is followed between pings. Each
 * sample bounds that line from both sides: its request leg says the line lies at least the one-way delay below
 * {@code t2 - t1}, its reply leg at least the one-way delay above {@code t3 - t4}. NTP's "trust the lowest delay",
 * applied to each direction on its own: the estimate is the middle of the band between the request envelope
 * (fastest requests) and the reply envelope (fastest replies), so delay spikes and one-sided jitter cannot move it.
 * With one-way delays of 40 ± 20 ms spread evenly, the fastest of n legs is about 40/n ms slow: the error shrinks
 * with the number of samples, so the window is long ({@value #CAPACITY} samples: seventeen minutes of idle pings,
 * hours of playback ones). What no estimator can see is a path slower one way than the other at its fastest: the
 * middle of the band assumes equal floors.
 *
 * <p>Drift is pinned by how long a time the samples span, not by their number: a millisecond over ten minutes is
 * under two ppm. {@link DriftPosterior} averages the line over the slopes the envelopes allow, weighed against a
 * prior for drift ({@link #DRIFT_PRIOR}), so a one-second burst keeps a flat line and a long window its fitted slope.
 *
 * <p>A window that no line fits (a negative band: some delay would have to be negative) means a clock stepped: the
 * oldest samples are dropped until one fits again.
 */
public final class ClockEstimator {

    static final int CAPACITY = 2048;
    static final int MIN_USABLE = 4;
    /** Drift a clock may plausibly have: the prior that a fitted slope is weighed against. */
    static final double DRIFT_PRIOR = 100e-6;
    /** Timestamps are whole microseconds, and browsers coarsen theirs further. */
    static final double TIMESTAMP_GRAIN_MICROS = 10;
    /** Clocks slewed by NTP run up to 500 ppm off; a steeper slope would only fit noise. */
    static final double MAX_DRIFT = 500e-6;

    private final List<ClockSample> window = new ArrayList<>();
    private OffsetLine line = OffsetLine.NONE;
    private double spread;

    public void add(ClockSample sample) {
        // Pongs may overtake each other; keep the window in sending order so the oldest is first.
        int at = window.size();
        while (at > 0 && window.get(at - 1).t1() > sample.t1()) {
            at--;
        }
        window.add(at, sample);
        if (window.size() > CAPACITY) {
            window.removeFirst();
        }
        while (!fit()) {
            window.removeFirst();
        }
    }

    /** Server time now, given the local clock reads {@code localMicros}. */
    public long serverTime(long localMicros) {
        return line.serverTime(localMicros);
    }

    /** Local clock reading at which the server clock reads {@code serverMicros}. */
    public long localTime(long serverMicros) {
        return line.localTime(serverMicros);
    }

    /** Server minus local time at local time {@code localMicros}; 0 before the first sample. */
    public double offsetMicros(long localMicros) {
        return line.offsetAt(localMicros);
    }

    /** The current offset line. */
    public OffsetLine line() {
        return line;
    }

    public ClockQuality quality(long localMicros) {
        if (window.isEmpty()) {
            return new ClockQuality(0, 0, 0, Long.MAX_VALUE, 0, false);
        }
        long bestDelay = window.stream().mapToLong(ClockSample::delayMicros).min().orElseThrow();
        return new ClockQuality(bestDelay, Math.round(spread), -line.slope() * 1e6, localMicros - newestReply(),
                window.size(), window.size() >= MIN_USABLE);
    }

    /** Fits the offset line; false when no line fits the window with non-negative delays. */
    private boolean fit() {
        long reference = window.getFirst().t1();
        Envelopes envelopes = Envelopes.of(window, reference);
        if (envelopes.halfBand(envelopes.widestBandSlope(MAX_DRIFT)) < 0) {
            return false;
        }
        DriftPosterior posterior = DriftPosterior.of(envelopes, reference, newestReply() - reference, DRIFT_PRIOR,
                MAX_DRIFT, TIMESTAMP_GRAIN_MICROS);
        line = posterior.line();
        spread = posterior.spread();
        return true;
    }

    private long newestReply() {
        return window.stream().mapToLong(ClockSample::t4).max().orElseThrow();
    }
}
