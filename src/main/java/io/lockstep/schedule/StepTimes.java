package io.lockstep.schedule;

import io.lockstep.transport.Segment;
import io.lockstep.transport.Timeline;

import java.util.ArrayList;
import java.util.List;

/** The song steps of a timeline that sound in a window of server time. (Belongs in Timeline once it has window queries.) */
final class StepTimes {

    private StepTimes() {
    }

    /** Steps sounding at server times {@code from <= t < to}, in time order; a step a jump repeats appears once per segment. */
    static List<StepTime> between(Timeline timeline, double fromMicros, double toMicros) {
        List<StepTime> steps = new ArrayList<>();
        for (Segment segment : timeline.segments()) {
            if (segment.atMicros() >= toMicros || segment.endMicros() + segment.stepMicros() <= fromMicros) {
                continue;
            }
            // Start one step early: swing can push an odd step past the window start.
            long skip = (long) Math.max(0, Math.floor((fromMicros - segment.atMicros()) / segment.stepMicros()) - 1);
            for (long k = segment.fromStep() + skip; segment.contains(k); k++) {
                double t = segment.timeOfStep(k);
                if (t >= toMicros) {
                    break;
                }
                if (t >= fromMicros) {
                    steps.add(new StepTime(k, t));
                }
            }
        }
        return steps;
    }
}
