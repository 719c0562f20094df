package io.lockstep.clock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Estimates server time from a client's TIME_PING/TIME_PONG samples.
 *
 * <p>The offset (server minus local time) is modelled as a line over local time, so drift is followed between
 * syncs. Each sample bounds that line: its request leg says the line lies at least the one-way delay below
 * {@code t2 - t1}, its reply leg at least the one-way delay above {@code t3 - t4}. The estimate is the middle
 * of the band between the two envelopes, NTP's "trust the lowest delay" applied separately to each direction: the offset is set only by the
 * fastest request and the fastest reply, so delay spikes and one-sided jitter cannot move it. The slope (drift)
 * comes from the envelope fit of {@link #gapArea}.
 *
 * <p>A burst a second long cannot tell drift from jitter, so the fitted slope is shrunk towards zero by how its
 * uncertainty (spread over span) compares with the drift clocks have ({@link #DRIFT_PRIOR}), like a Bayesian
 * estimate with a normal prior: a short window keeps a flat line, a long one its fitted slope. A window that no line fits (negative band: some delay would
 * have to be negative) means a clock stepped: the oldest samples are dropped until one fits again.
 */
public final class ClockEstimator {

    static final int WINDOW = 64;
    static final int MIN_USABLE = 4;
    /** Drift a clock may plausibly have: the prior that a fitted slope is weighed against. */
    static final double DRIFT_PRIOR = 100e-6;
    static final double TIMESTAMP_GRAIN_MICROS = 10;
    /** Clocks slewed by NTP run up to 500 ppm off; a wider slope would only fit noise. */
    static final double MAX_DRIFT = 500e-6;
    private static final int SEARCH_STEPS = 60;
    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    private final List<ClockSample> window = new ArrayList<>();
    private long reference;
    private double offsetAtReference;
    private double slope;

    public void add(ClockSample sample) {
        // Pongs may overtake each other; keep the window in sending order so the oldest is first.
        int at = window.size();
        while (at > 0 && window.get(at - 1).t1() > sample.t1()) {
            at--;
        }
        window.add(at, sample);
        if (window.size() > WINDOW) {
            window.removeFirst();
        }
        while (!fit()) {
            window.removeFirst();
        }
    }

    /** Server time now, given the local clock reads {@code localMicros}. */
    public long serverTime(long localMicros) {
        return localMicros + Math.round(offsetMicros(localMicros));
    }

    /** Local clock reading at which the server clock reads {@code serverMicros}. */
    public long localTime(long serverMicros) {
        double fromReference = (serverMicros - reference - offsetAtReference) / (1 + slope);
        return reference + Math.round(fromReference);
    }

    /** Server minus local time at local time {@code localMicros}; 0 before the first sample. */
    public double offsetMicros(long localMicros) {
        return offsetAtReference + slope * (localMicros - reference);
    }

    public ClockQuality quality(long localMicros) {
        if (window.isEmpty()) {
            return new ClockQuality(0, 0, slope * 1e6, Long.MAX_VALUE, 0, false);
        }
        long bestDelay = window.stream().mapToLong(ClockSample::delayMicros).min().orElseThrow();
        return new ClockQuality(bestDelay, Math.round(spread()), -slope * 1e6,
                localMicros - newestReply(), window.size(), window.size() >= MIN_USABLE);
    }

    /** Fits the offset line; false when no line fits the window with non-negative delays. */
    private boolean fit() {
        reference = window.getFirst().t1();
        if (halfBand(argMin(candidate -> -halfBand(candidate))) < 0) {
            return false;
        }
        if (window.size() < MIN_USABLE) {
            useSlope(0);
            return true;
        }
        useSlope(argMin(this::gapArea));
        // The fit leans on a few fastest samples, so judge it by how much slower a typical sample is (jitter), not
        // by its own residuals. Timestamps are whole microseconds, and browsers coarsen theirs further.
        double jitter = jitter() + TIMESTAMP_GRAIN_MICROS;
        double uncertainty = jitter / (newestReply() - reference + 1);
        double prior = DRIFT_PRIOR * DRIFT_PRIOR;
        double fitted = uncertainty * uncertainty;
        double slopeError = Math.sqrt(prior * fitted / (prior + fitted));
        // A slope error tilts the line most at the oldest samples: anchor the offset only on samples recent enough
        // that the tilt stays under the jitter.
        long horizon = Math.round(jitter / slopeError);
        slope = slope * prior / (prior + fitted);
        long since = newestReply() - horizon;
        List<ClockSample> recent = window.stream().filter(s -> s.t4() >= since).toList();
        offsetAtReference = (lowestRequest(recent, slope) + highestReply(recent, slope)) / 2;
        return true;
    }

    private void useSlope(double candidate) {
        slope = candidate;
        offsetAtReference = (lowestRequest(window, candidate) + highestReply(window, candidate)) / 2;
    }

    /** How much longer than the fastest the typical round trip takes. */
    private double jitter() {
        long[] delays = window.stream().mapToLong(ClockSample::delayMicros).sorted().toArray();
        return delays[delays.length / 2] - delays[0];
    }

    /** RMS distance of the lowest-delay quarter of the samples from the current line. */
    private double spread() {
        List<ClockSample> best = window.stream().sorted(Comparator.comparingLong(ClockSample::delayMicros))
                .limit(Math.max(3, window.size() / 4)).toList();
        double squares = 0;
        for (ClockSample s : best) {
            double residual = s.offsetMicros() - offsetMicros((s.t1() + s.t4()) / 2);
            squares += residual * residual;
        }
        return Math.sqrt(squares / best.size());
    }

    private long newestReply() {
        return window.stream().mapToLong(ClockSample::t4).max().orElseThrow();
    }

    /**
     * How far, summed over all samples, the requests lie above and the replies below their envelope lines of this
     * slope. Minimising it is the linear-programming skew estimator of Moon, Skelly and Towsley (1999): every sample
     * pulls on the slope, yet only through its time, so delay spikes cannot tilt it.
     */
    private double gapArea(double candidate) {
        double lowest = lowestRequest(window, candidate);
        double highest = highestReply(window, candidate);
        double area = 0;
        for (ClockSample s : window) {
            area += (s.t2() - s.t1()) - candidate * (s.t1() - reference) - lowest;
            area += highest - ((s.t3() - s.t4()) - candidate * (s.t4() - reference));
        }
        return area;
    }

    /** Golden-section search over the plausible slopes; {@code f} is convex there. */
    private static double argMin(DoubleUnaryOperator f) {
        double low = -MAX_DRIFT;
        double high = MAX_DRIFT;
        for (int i = 0; i < SEARCH_STEPS; i++) {
            double a = high - GOLDEN * (high - low);
            double b = low + GOLDEN * (high - low);
            if (f.applyAsDouble(a) > f.applyAsDouble(b)) {
                low = a;
            } else {
                high = b;
            }
        }
        return (low + high) / 2;
    }

    /** Half the width of the band the samples leave for an offset line of this slope: the shortest one-way delay. */
    private double halfBand(double candidate) {
        return (lowestRequest(window, candidate) - highestReply(window, candidate)) / 2;
    }

    private double lowestRequest(List<ClockSample> samples, double candidate) {
        double lowest = Double.POSITIVE_INFINITY;
        for (ClockSample s : samples) {
            lowest = Math.min(lowest, (s.t2() - s.t1()) - candidate * (s.t1() - reference));
        }
        return lowest;
    }

    private double highestReply(List<ClockSample> samples, double candidate) {
        double highest = Double.NEGATIVE_INFINITY;
        for (ClockSample s : samples) {
            highest = Math.max(highest, (s.t3() - s.t4()) - candidate * (s.t4() - reference));
        }
        return highest;
    }
}
