package io.lockstep.clock;

/**
 * When a client pings the server. A burst at connect, reconnect and tab resume makes the clock usable within a
 * second; afterwards single pings keep the drift fit fresh, sparsely during playback (two a minute) so syncing
 * never competes with the music. A window that became unusable (a clock step emptied it) earns a new burst.
 * Bursts are at least {@value #MIN_BURST_SPACING_MICROS} µs apart, which keeps every client inside
 * {@link PingLimiter}'s budget.
 */
public final class SyncPolicy {

    static final int BURST_PINGS = 8;
    static final long BURST_GAP_MICROS = 100_000L;
    static final long IDLE_INTERVAL_MICROS = 10_000_000L;
    static final long PLAYING_INTERVAL_MICROS = 30_000_000L;
    static final long MIN_BURST_SPACING_MICROS = 10_000_000L;

    private int burstLeft;
    private long burstStart = Long.MIN_VALUE;
    private long lastPing = Long.MIN_VALUE;

    /** A new or renewed connection: nothing known about the path, burst. */
    public void connected(long nowMicros) {
        startBurst(nowMicros);
    }

    /** The tab or machine woke up: its clock may have stopped or stepped meanwhile. */
    public void resumed(long nowMicros) {
        if (nowMicros - burstStart >= MIN_BURST_SPACING_MICROS) {
            startBurst(nowMicros);
        }
    }

    /** A pong was added to the estimator, which now has this quality. */
    public void answered(ClockQuality quality, long nowMicros) {
        if (!quality.usable() && burstLeft == 0 && nowMicros - burstStart >= MIN_BURST_SPACING_MICROS) {
            startBurst(nowMicros);
        }
    }

    /** Local time at which the next ping is due (it may already have passed). */
    public long nextPingAt(boolean playing) {
        if (burstLeft > 0) {
            return lastPing < burstStart ? burstStart : lastPing + BURST_GAP_MICROS;
        }
        return lastPing + (playing ? PLAYING_INTERVAL_MICROS : IDLE_INTERVAL_MICROS);
    }

    public void pinged(long nowMicros) {
        lastPing = nowMicros;
        if (burstLeft > 0) {
            burstLeft--;
        }
    }

    private void startBurst(long nowMicros) {
        burstStart = nowMicros;
        burstLeft = BURST_PINGS;
    }
}
