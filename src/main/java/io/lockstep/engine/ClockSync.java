package io.lockstep.engine;

import io.lockstep.clock.ClockEstimator;
import io.lockstep.clock.ClockQuality;
import io.lockstep.clock.ClockSample;
import io.lockstep.clock.SyncPolicy;

import java.util.Optional;

/**
 * This engine's sync with the server's clock: when to ping (the shared SyncPolicy), what the pongs say (the shared
 * ClockEstimator), and when to tell the room how good the sync is. Owned by the room thread; times are local µs.
 */
final class ClockSync {

    /** Reports go out after a burst settles and then at most this often, like the browser's. */
    static final long REPORT_SPACING_MICROS = 2_000_000L;
    private static final long ONE_SECOND_MICROS = 1_000_000L;

    private final ClockEstimator estimator = new ClockEstimator();
    private final SyncPolicy policy = new SyncPolicy();
    private long lastReport = -REPORT_SPACING_MICROS;
    private boolean reportPending;

    /** A new connection: burst. */
    void connected(long nowMicros) {
        policy.connected(nowMicros);
    }

    boolean pingDue(long nowMicros, boolean playing) {
        return nowMicros >= policy.nextPingAt(playing);
    }

    void pinged(long nowMicros) {
        policy.pinged(nowMicros);
    }

    /** Takes a pong; returns the new estimate once enough samples make it usable. */
    Optional<Offset> answered(ClockSample sample, long nowMicros) {
        estimator.add(sample);
        ClockQuality quality = estimator.quality(nowMicros);
        policy.answered(quality, nowMicros);
        if (!quality.usable()) {
            return Optional.empty();
        }
        reportPending = true;
        double offset = estimator.offsetMicros(nowMicros);
        double slope = (estimator.offsetMicros(nowMicros + ONE_SECOND_MICROS) - offset) / ONE_SECOND_MICROS;
        return Optional.of(new Offset(nowMicros, offset, slope));
    }

    /**
     * The quality to report now, if one is due: after new samples, once no burst ping is pending (the burst has
     * settled) and the last report is old enough.
     */
    Optional<ClockQuality> reportDue(long nowMicros, boolean playing) {
        boolean burstOver = policy.nextPingAt(playing) - nowMicros > ONE_SECOND_MICROS;
        if (!reportPending || !burstOver || nowMicros - lastReport < REPORT_SPACING_MICROS) {
            return Optional.empty();
        }
        reportPending = false;
        lastReport = nowMicros;
        return Optional.of(estimator.quality(nowMicros));
    }
}
