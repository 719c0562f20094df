package io.lockstep.clock;

import java.time.Instant;

/**
 * The room's reference time: the wall clock read once at start, advanced by {@link System#nanoTime()}, so it
 * reads like epoch time but never jumps when NTP or an administrator sets the system clock.
 */
public final class ServerClock implements TimeSource {

    private final long startEpochMicros;
    private final long startNanos;

    public ServerClock() {
        Instant wall = Instant.now();
        startNanos = System.nanoTime();
        startEpochMicros = wall.getEpochSecond() * 1_000_000L + wall.getNano() / 1_000L;
    }

    @Override
    public long nowMicros() {
        return startEpochMicros + (System.nanoTime() - startNanos) / 1_000L;
    }
}
