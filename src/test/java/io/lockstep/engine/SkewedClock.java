package io.lockstep.engine;

import java.util.function.LongSupplier;

/**
 * Another machine's clock, simulated on this one: it reads {@code offsetNanos} off the real clock at the start and
 * runs {@code driftPpm} fast. Converts back, so that notes this machine's engine timestamps can go to a scsynth that
 * reads the real clock.
 */
final class SkewedClock implements LongSupplier {

    private final LongSupplier real;
    private final long start;
    private final long offsetNanos;
    private final double rate;

    SkewedClock(LongSupplier real, long offsetNanos, double driftPpm) {
        this.real = real;
        this.start = real.getAsLong();
        this.offsetNanos = offsetNanos;
        this.rate = 1 + driftPpm * 1e-6;
    }

    @Override
    public long getAsLong() {
        return toLocal(real.getAsLong());
    }

    long toLocal(long realNanos) {
        return start + offsetNanos + Math.round((realNanos - start) * rate);
    }

    long toReal(long localNanos) {
        return start + Math.round((localNanos - start - offsetNanos) / rate);
    }
}
