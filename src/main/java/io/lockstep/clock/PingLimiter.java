package io.lockstep.clock;

/**
 * The server's guard against TIME_PING floods, one per connection: a token bucket of {@value #CAPACITY} pings,
 * refilled at {@value #PER_SECOND} a second. {@link SyncPolicy} pings at most four times a second, and its bursts
 * of eight come at least ten seconds apart, so honest clients never hit it; a ping costs the server one small
 * JSON reply, so five a second per socket is harmless.
 */
public final class PingLimiter {

    public static final int CAPACITY = 20;
    public static final int PER_SECOND = 5;

    private final TokenBucket bucket = new TokenBucket(CAPACITY, PER_SECOND);

    /** Takes a token for a ping arriving at server time {@code nowMicros}; false means reject it. */
    public boolean tryPing(long nowMicros) {
        return bucket.take(nowMicros);
    }
}
