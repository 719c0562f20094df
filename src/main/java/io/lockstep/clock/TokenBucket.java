package io.lockstep.clock;

/**
 * Allows bursts of up to {@code capacity} events and {@code perSecond} on average. Time is passed in (server
 * microseconds), so it runs on simulated time in tests. Safe to share between threads.
 */
public final class TokenBucket {

    private final double capacity;
    private final double perMicro;
    private double tokens;
    private long updated = Long.MIN_VALUE;

    public TokenBucket(double capacity, double perSecond) {
        this.capacity = capacity;
        this.perMicro = perSecond / 1_000_000.0;
        this.tokens = capacity;
    }

    /** Takes a token for an event at {@code nowMicros}; false means the event is over the limit. */
    public synchronized boolean take(long nowMicros) {
        if (!hasToken(nowMicros)) {
            return false;
        }
        tokens--;
        return true;
    }

    /** Whether an event at {@code nowMicros} would be within the limit, taking nothing. */
    public synchronized boolean hasToken(long nowMicros) {
        if (updated != Long.MIN_VALUE) {
            tokens = Math.min(capacity, tokens + Math.max(0, nowMicros - updated) * perMicro);
        }
        updated = Math.max(updated, nowMicros);
        return tokens >= 1;
    }
}
