package io.lockstep.engine;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition that other threads or processes bring about, failing with what was awaited. */
final class Eventually {

    private static final long POLL_MILLIS = 10;

    private Eventually() {
    }

    static void await(String what, Duration patience, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + patience.toSeconds() + " s: " + what);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
