package io.lockstep.transport;

/** Song step {@code step} sounds at server time {@code atMicros} (epoch microseconds, fractional). */
public record StepTime(long step, double atMicros) {
}
