package io.lockstep.clock;

/**
 * Server minus local time as a line over local time: {@code offset(t) = offset + slope * (t - reference)}. The
 * slope is the local clock's frequency error against the server's (a drift of +50 ppm is a slope of -50e-6).
 */
public record OffsetLine(long reference, double offset, double slope) {

    static final OffsetLine NONE = new OffsetLine(0, 0, 0);

    /** Server minus local time at local time {@code localMicros}. */
    public double offsetAt(long localMicros) {
        return offset + slope * (localMicros - reference);
    }

    /** Server time at local time {@code localMicros}. */
    public long serverTime(long localMicros) {
        return localMicros + Math.round(offsetAt(localMicros));
    }

    /** Local time at which the server clock reads {@code serverMicros}. */
    public long localTime(long serverMicros) {
        return reference + Math.round((serverMicros - reference - offset) / (1 + slope));
    }
}
