package io.lockstep.sync;

/** Allows bursts up to {@code capacity} and {@code perSecond} on average; time is passed in, so tests need no clock. */
final class TokenBucket {

    private final double capacity;
    private final double perMicro;
    private double tokens;
    private long lastMicros;

    TokenBucket(double capacity, double perSecond, long nowMicros) {
        this.capacity = capacity;
        this.perMicro = perSecond / 1_000_000.0;
        this.tokens = capacity;
        this.lastMicros = nowMicros;
    }

    synchronized boolean take(long nowMicros) {
        tokens = Math.min(capacity, tokens + Math.max(0, nowMicros - lastMicros) * perMicro);
        lastMicros = Math.max(lastMicros, nowMicros);
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }
}
