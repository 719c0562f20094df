package io.lockstep.schedule;

/**
 * How this machine's clock and speakers relate to the room's time. {@code offsetMicros} is the NTP offset
 * (server time minus local time); {@code latencyMillis} is how long this machine's audio output takes to be
 * heard, so notes are sent that much earlier (negative delays them).
 */
public record Alignment(long offsetMicros, double latencyMillis) {

    /** Local epoch nanoseconds at which a note due at server time {@code serverMicros} must start. */
    public long localNanos(double serverMicros) {
        // Epoch nanoseconds exceed a double's 53-bit mantissa: keep whole microseconds in a long, only the rest in floating point.
        long wholeMicros = (long) Math.floor(serverMicros);
        return (wholeMicros - offsetMicros) * 1000L + Math.round((serverMicros - wholeMicros - latencyMillis * 1000.0) * 1000.0);
    }

    /** The server time whose notes start at local time {@code localNanos}. */
    public double serverMicros(long localNanos) {
        return localNanos / 1000.0 + offsetMicros + latencyMillis * 1000.0;
    }
}
