package io.lockstep.transport;

/**
 * A stretch of playback at one tempo: song steps {@code fromStep <= k < untilStep} sound at
 * {@code atMicros + (k - fromStep) * stepMicros}, every odd step delayed by {@code swing} of a step.
 * Steps are sixteenth notes, a bar is 16 steps; the pattern step of song step k is {@code k mod 16}.
 * {@code untilStep == Long.MAX_VALUE} means the segment has no end yet. Times are epoch microseconds
 * of the server's monotonic clock.
 */
public record Segment(long fromStep, long untilStep, long atMicros, double bpm, double swing) {

    public static final long OPEN = Long.MAX_VALUE;

    public Segment {
        Timeline.checkTempo(bpm);
        Timeline.checkSwing(swing);
        if (fromStep < 0 || untilStep <= fromStep) {
            throw new IllegalArgumentException("a segment covers fromStep <= k < untilStep, got " + fromStep + ".." + untilStep);
        }
    }

    /** Duration of one sixteenth note in microseconds. */
    public double stepMicros() {
        return Timeline.stepMicros(bpm);
    }

    public boolean contains(long step) {
        return step >= fromStep && step < untilStep;
    }

    /** Server time (epoch microseconds, fractional) at which song step {@code step} of this segment sounds. */
    public double timeOfStep(long step) {
        double straight = straightTimeOf(step);
        return Math.floorMod(step, 2) == 1 ? straight + swing * stepMicros() : straight;
    }

    /** Server time of step {@code step} without swing: the grid. */
    double straightTimeOf(long step) {
        return atMicros + (step - fromStep) * stepMicros();
    }

    /** The step whose straight time is the last at or before {@code micros} (extrapolated beyond the segment). */
    long stepAt(double micros) {
        return fromStep + (long) Math.floor((micros - atMicros) / stepMicros());
    }

    /** Server time at which the segment ends (the straight time of {@code untilStep}); infinite when open. */
    public double endMicros() {
        return untilStep == OPEN ? Double.POSITIVE_INFINITY : atMicros + (untilStep - fromStep) * stepMicros();
    }

    public Segment until(long step) {
        return new Segment(fromStep, step, atMicros, bpm, swing);
    }
}
