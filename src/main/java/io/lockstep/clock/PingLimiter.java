package io.lockstep.clock;

/**
 * The server's guard against TIME_PING floods, one per connection: a token bucket of {@value #CAPACITY} pings,
 * refilled at one a second. {@link SyncPolicy} spends at most 8 + 1 pings per 10 s, so honest clients never
 * hit it.
 */
public final class PingLimiter {

    static final int CAPACITY = 20;
    static final long REFILL_MICROS = 1_000_000L;

    private double tokens = CAPACITY;
    private long updated = Long.MIN_VALUE;

    /** Takes a token for a ping arriving at server time {@code nowMicros}; false means reject it. */
    public boolean tryPing(long nowMicros) {
        if (updated != Long.MIN_VALUE) {
            tokens = Math.min(CAPACITY, tokens + (double) Math.max(0, nowMicros - updated) / REFILL_MICROS);
        }
        updated = nowMicros;
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
