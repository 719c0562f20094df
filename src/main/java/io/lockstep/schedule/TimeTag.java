package io.lockstep.schedule;

/**
 * An OSC time tag: 32.32 fixed-point seconds. Built by hand because javaosc's conversions are off
 * (by an hour from a Date, by the 1900 epoch from an Instant).
 */
public record TimeTag(long seconds, long fraction) {

    /** Seconds between the NTP epoch (1900) and the Unix epoch (1970). */
    static final long NTP_EPOCH_OFFSET_SECONDS = 2_208_988_800L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** The time tag scsynth expects in real time: {@code epochNanos} since 1970, counted from 1900. */
    public static TimeTag ofEpochNanos(long epochNanos) {
        return sinceZero(epochNanos + NTP_EPOCH_OFFSET_SECONDS * NANOS_PER_SECOND);
    }

    /** Seconds from an arbitrary zero, as non-realtime scores count them. */
    public static TimeTag sinceZero(long nanos) {
        long seconds = Math.floorDiv(nanos, NANOS_PER_SECOND);
        long rest = Math.floorMod(nanos, NANOS_PER_SECOND);
        return new TimeTag(seconds, (rest << 32) / NANOS_PER_SECOND);
    }

    /** The 64-bit wire value. */
    public long bits() {
        return (seconds << 32) | fraction;
    }
}
