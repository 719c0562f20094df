package io.lockstep.engine;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * This machine's time as epoch nanoseconds, the scale scsynth reads time tags on, but advancing with the monotonic
 * clock: a wall-clock step (NTP slew, a user changing the time) cannot make the engine skip or repeat notes.
 */
public final class WallClock implements LongSupplier {

    private final long epochNanosAtStart;
    private final long monotonicAtStart;

    public WallClock() {
        Instant now = Instant.now();
        this.monotonicAtStart = System.nanoTime();
        this.epochNanosAtStart = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public long getAsLong() {
        return epochNanosAtStart + (System.nanoTime() - monotonicAtStart);
    }
}
