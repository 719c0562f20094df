package io.lockstep.schedule;

/** A song step and the server time (epoch µs) at which it sounds. */
record StepTime(long step, double serverMicros) {
}
