package io.lockstep.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between reconnection attempts: quick at first (a blip costs a quarter second), doubling to a ceiling so a
 * server that is down is not hammered, with jitter so the engines of a room do not all knock at once.
 */
final class Backoff {

    private static final long FIRST_MILLIS = 250;
    private static final long MAX_MILLIS = 8_000;

    private int failures;

    Duration next() {
        long ceiling = Math.min(MAX_MILLIS, FIRST_MILLIS << Math.min(failures, 16));
        failures++;
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    void reset() {
        failures = 0;
    }
}
