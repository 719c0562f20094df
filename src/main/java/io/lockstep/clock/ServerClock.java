package io.lockstep.clock;

/** Placeholder until the clocktransport branch lands. */
public final class ServerClock implements TimeSource {
    private final long originMicros = System.currentTimeMillis() * 1000;
    private final long originNanos = System.nanoTime();
    public long nowMicros() { return originMicros + (System.nanoTime() - originNanos) / 1000; }
}
