package io.lockstep.clock;

/**
 * How far a client can trust its estimate of server time.
 *
 * @param delayMicros   round trip of the best (lowest-delay) sample in the window
 * @param spreadMicros  standard deviation of the offset at the newest sample, as the window's own scatter implies it:
 *                      an error scale, not a bound (it cannot see a path slower one way than the other)
 * @param driftPpm      fitted frequency error of the local clock against the server's, parts per million
 * @param ageMicros     local time since the newest sample was taken
 * @param samples       samples in the window
 * @param usable        enough samples to schedule music by
 */
public record ClockQuality(long delayMicros, long spreadMicros, double driftPpm, long ageMicros, int samples, boolean usable) {
}
