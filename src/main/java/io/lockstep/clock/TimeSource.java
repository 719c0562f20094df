package io.lockstep.clock;

/** Where "now" comes from, injected so that the logic runs on simulated time in tests. */
@FunctionalInterface
public interface TimeSource {

    /** Current time in epoch microseconds; never goes backwards. */
    long nowMicros();
}
