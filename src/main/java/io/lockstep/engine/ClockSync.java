package io.lockstep.engine;

import io.lockstep.clock.ClockEstimator;
import io.lockstep.clock.ClockQuality;
import io.lockstep.clock.ClockSample;
import io.lockstep.clock.OffsetLine;
import io.lockstep.clock.SyncPolicy;

import java.util.Optional;

/**
 * This engine's sync with the server's clock: when to ping (the shared SyncPolicy), what the pongs say (the shared
 * ClockEstimator), and when to tell the room how good the sync is. Owned by the room thread; times are local µs.
 */
final class ClockSync {

    /** The first report goes out as soon as the estimate is usable, later ones at most this often, like the browser's. */
    static final long REPORT_SPACING_MICROS = 2_000_000L;

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

    /**
     * Takes a pong; returns the new estimate once enough samples make it usable: an immutable line, so the engine's
     * thread can follow the drift between syncs, and through an outage, without touching the estimator.
     */
    Optional<OffsetLine> answered(ClockSample sample, long nowMicros) {
        estimator.add(sample);
        ClockQuality quality = estimator.quality(nowMicros);
        policy.answered(quality, nowMicros);
        if (!quality.usable()) {
            return Optional.empty();
        }
        reportPending = true;
        return Optional.of(estimator.line());
    }

    /** The quality to report now, if one is due: there are new samples and the last report is old enough. */
    Optional<ClockQuality> reportDue(long nowMicros) {
        if (!reportPending || nowMicros - lastReport < REPORT_SPACING_MICROS) {
            return Optional.empty();
        }
        reportPending = false;
        lastReport = nowMicros;
        return Optional.of(estimator.quality(nowMicros));
    }
}
