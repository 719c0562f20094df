package io.lockstep.clock;

import java.util.function.DoubleUnaryOperator;

/**
 * The offset line that a window's envelopes support, averaged over every slope they allow.
 *
 * <p>If each one-way delay is its floor plus an exponential excess (mean {@code m}, estimated from the window's
 * median excess), the intercepts integrate out and a slope's likelihood is {@code exp(-excess(slope) / m)}, where
 * {@code excess} sums how far each leg lies from its envelope: the objective of Moon, Skelly and Towsley's
 * linear-programming skew estimator. Its minimum jumps between hull-edge slopes and sometimes lands on a short edge
 * whose slope is mostly noise; the posterior mean, weighed with a normal prior for drift ({@code prior}), does not
 * jump, and is drawn towards zero exactly as far as the window cannot tell drift from jitter. A short burst keeps a
 * flat line; a quarter hour of samples pins drift to a tenth of a ppm.
 *
 * <p>The offset line is the mean over the same posterior of the band's middle; the envelope of n legs is expected
 * {@code m/n} inside the fastest leg, which corrects for one direction being jitterier than the other.
 *
 * <p>{@code StrictMath} (fdlibm) rather than {@code Math} for exp and log, so that the browser mirror, whose engines
 * use fdlibm too, computes the same numbers.
 *
 * @param line   the mean offset line
 * @param spread standard deviation of the offset at the newest sample, microseconds: the slope's share and the
 *               envelopes' share
 */
record DriftPosterior(OffsetLine line, double spread) {

    private static final int GRID = 256;
    /** An exponential excess of mean m has median m ln 2. */
    private static final double LN2 = StrictMath.log(2);
    private static final int MODE_STEPS = 80;
    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;
    /** Slopes whose log-likelihood is this far below the best carry no weight worth counting (e^-30). */
    private static final double NEGLIGIBLE = 30;

    /**
     * @param reference local time the envelopes' times are measured from
     * @param newest    local time of the newest sample, relative to {@code reference}
     * @param prior     standard deviation of drift between clocks
     * @param limit     the steepest slope considered
     * @param grain     the smallest excess worth believing: the timestamps' resolution
     */
    static DriftPosterior of(Envelopes envelopes, long reference, double newest, double prior, double limit, double grain) {
        int n = envelopes.count();
        double widest = envelopes.widestBandSlope(limit);
        // Scales from medians, not means: a few delay spikes must not blur a leg whose typical packet is fast. Any
        // slope the samples allow would do for measuring them; the widest band's is exact and cheap.
        double requestScale = Math.max(grain, envelopes.medianRequestExcess(widest) / LN2);
        double replyScale = Math.max(grain, envelopes.medianReplyExcess(widest) / LN2);
        DoubleUnaryOperator logLikelihood = slope -> -envelopes.requestExcess(slope) / requestScale
                - envelopes.replyExcess(slope) / replyScale - slope * slope / (2 * prior * prior);
        double mode = mode(logLikelihood, limit);
        double peak = logLikelihood.applyAsDouble(mode);
        double low = edge(logLikelihood, mode, -1, peak, limit);
        double high = edge(logLikelihood, mode, 1, peak, limit);
        double weights = 0;
        double slopes = 0;
        double middles = 0;
        double squares = 0;
        for (int i = 0; i <= GRID; i++) {
            double slope = low + (high - low) * i / GRID;
            double weight = StrictMath.exp(logLikelihood.applyAsDouble(slope) - peak);
            double atNewest = middle(envelopes, slope) + slope * newest;
            weights += weight;
            slopes += weight * slope;
            middles += weight * atNewest;
            squares += weight * atNewest * atNewest;
        }
        double slope = slopes / weights;
        double atNewest = middles / weights;
        double slopeShare = Math.max(0, squares / weights - atNewest * atNewest);
        // The request envelope is expected requestScale/n below the fastest request, the reply envelope as far
        // above the fastest reply; the offset sits halfway between them.
        double bias = (requestScale - replyScale) / (2 * n);
        double envelopeShare = (requestScale * requestScale + replyScale * replyScale) / (4.0 * n * n);
        double offset = atNewest - bias - slope * newest;
        return new DriftPosterior(new OffsetLine(reference, offset, slope), Math.sqrt(slopeShare + envelopeShare));
    }

    private static double middle(Envelopes envelopes, double slope) {
        return (envelopes.lowestRequest(slope) + envelopes.highestReply(slope)) / 2;
    }

    /** Golden-section search for the most likely slope; the log-likelihood is concave, so it has one peak. */
    private static double mode(DoubleUnaryOperator f, double limit) {
        double low = -limit;
        double high = limit;
        for (int i = 0; i < MODE_STEPS; i++) {
            double a = high - GOLDEN * (high - low);
            double b = low + GOLDEN * (high - low);
            if (f.applyAsDouble(a) < f.applyAsDouble(b)) {
                low = a;
            } else {
                high = b;
            }
        }
        return (low + high) / 2;
    }

    /** How far from the mode, in {@code direction}, the likelihood becomes negligible (or the limit is reached). */
    private static double edge(DoubleUnaryOperator f, double mode, int direction, double peak, double limit) {
        double step = limit * 1e-12;
        double at = mode + direction * step;
        while (Math.abs(at) < limit && f.applyAsDouble(at) > peak - NEGLIGIBLE) {
            step *= 2;
            at = mode + direction * step;
        }
        return Math.clamp(at, -limit, limit);
    }
}
