package io.lockstep.clock;

/** The time a component runs on: epoch microseconds that never jump backwards. Injected, so tests run on simulated time. */
@FunctionalInterface
public interface TimeSource {

    long nowMicros();
}
