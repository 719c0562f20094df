package io.lockstep.clock;

/**
 * When a client pings the server.
 *
 * <p>The estimator's error shrinks with the number of samples it holds (the fastest of n legs is about jitter/n
 * slow), so a client pings as often as is harmless and as rarely as playback requires:
 * <ul>
 *   <li>a burst at connect, reconnect and tab resume makes the clock usable within a second;</li>
 *   <li>the first sync, the first {@value #FIRST_SYNC_MICROS} µs after a connect, pings four times a second
 *       whatever the transport does, so that even a late joiner plays with some 250 samples and a drift known to
 *       about ten ppm;</li>
 *   <li>idle, two pings a second keep collecting samples for the music to come: drift is pinned by the time span
 *       the samples cover, so a client that waited a quarter of an hour plays with its drift known to a tenth of
 *       a ppm;</li>
 *   <li>playing, a ping every {@value #PLAYING_INTERVAL_MICROS} µs (two a minute) keeps the drift fit fresh,
 *       so syncing never competes with the music.</li>
 * </ul>
 * The pings are at least {@value #BURST_GAP_MICROS} µs apart, more than the jitter of a link worth playing over,
 * so one ping's delay does not hold up the next on the same TCP stream. A window that became unusable (a clock step
 * emptied it) earns a new burst. Bursts are at least {@value #MIN_BURST_SPACING_MICROS} µs apart, which keeps every
 * client inside {@link PingLimiter}'s budget.
 */
public final class SyncPolicy {

    static final int BURST_PINGS = 8;
    static final long BURST_GAP_MICROS = 100_000L;
    static final long FIRST_SYNC_MICROS = 60_000_000L;
    static final long FIRST_SYNC_GAP_MICROS = 250_000L;
    static final long IDLE_INTERVAL_MICROS = 500_000L;
    static final long PLAYING_INTERVAL_MICROS = 30_000_000L;
    static final long MIN_BURST_SPACING_MICROS = 10_000_000L;

    private int burstLeft;
    private long burstStart = Long.MIN_VALUE;
    private long connectedAt = Long.MIN_VALUE;
    private long lastPing = Long.MIN_VALUE;

    /** A new or renewed connection: nothing known about the path, burst. */
    public void connected(long nowMicros) {
        connectedAt = nowMicros;
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
        boolean firstSync = lastPing < connectedAt + FIRST_SYNC_MICROS;
        return lastPing + (firstSync ? FIRST_SYNC_GAP_MICROS : playing ? PLAYING_INTERVAL_MICROS : IDLE_INTERVAL_MICROS);
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
