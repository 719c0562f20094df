package io.lockstep.engine;

/**
 * The clock estimate as the engine reads it every tick: server minus local time (µs) at local time {@code atMicros},
 * and how fast that difference changes (µs per µs), so that it follows drift between syncs and through an outage.
 */
record Offset(long atMicros, double offsetMicros, double slope) {

    long at(long localMicros) {
        return Math.round(offsetMicros + slope * (localMicros - atMicros));
    }
}
