package io.lockstep.clock;

/**
 * One TIME_PING/TIME_PONG exchange, NTP's four timestamps: {@code t1} client send, {@code t2} server receive,
 * {@code t3} server send, {@code t4} client receive. Client times are the client's local clock, server times the
 * server's clock, all in microseconds.
 */
public record ClockSample(long t1, long t2, long t3, long t4) {

    public ClockSample {
        if (t4 < t1 || t3 < t2) {
            throw new IllegalArgumentException("a reply cannot arrive before its request: " + t1 + "," + t2 + "," + t3 + "," + t4);
        }
    }

    /** Server minus client time, exact when both legs of the trip take equally long. */
    public double offsetMicros() {
        return ((t2 - t1) + (t3 - t4)) / 2.0;
    }

    /** Time spent on the network, both ways (the server's own processing time excluded). */
    public long delayMicros() {
        return (t4 - t1) - (t3 - t2);
    }
}
