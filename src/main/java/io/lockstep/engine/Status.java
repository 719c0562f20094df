package io.lockstep.engine;

/** scsynth's answer to {@code /status}: what runs on it and how busy it is. */
public record Status(int ugens, int synths, int groups, int synthdefs, float averageCpu, float peakCpu, double sampleRate) {
}
