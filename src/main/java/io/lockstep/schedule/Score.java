package io.lockstep.schedule;

import io.lockstep.pattern.Pattern;
import io.lockstep.pattern.Step;
import io.lockstep.pattern.Track;
import io.lockstep.transport.Timeline;

import java.util.ArrayList;
import java.util.List;

/** The bundles a pattern and timeline make in a window of local time: pure, the same inputs always give the same notes. */
public final class Score {

    private Score() {
    }

    /** One bundle per step whose local start time is in {@code [fromNanos, toNanos)} and that has a note to play. */
    public static List<Bundle> between(Pattern pattern, Timeline timeline, Alignment alignment, long fromNanos, long toNanos) {
        List<Bundle> bundles = new ArrayList<>();
        for (StepTime step : StepTimes.between(timeline, alignment.serverMicros(fromNanos), alignment.serverMicros(toNanos))) {
            List<Note> notes = notesOf(pattern, Math.floorMod(step.step(), Pattern.STEPS));
            long at = alignment.localNanos(step.serverMicros());
            // Rounding at the window edges must not let a step into two adjacent windows.
            if (!notes.isEmpty() && at >= fromNanos && at < toNanos) {
                bundles.add(new Bundle(step.step(), at, notes));
            }
        }
        return bundles;
    }

    static List<Note> notesOf(Pattern pattern, int patternStep) {
        List<Note> notes = new ArrayList<>();
        for (Track track : pattern.tracks()) {
            Step step = track.step(patternStep);
            if (step.on() && !track.muted() && track.volume() > 0) {
                float amp = (float) (step.velocity() / (double) Step.MAX_VELOCITY * track.volume());
                notes.add(new Note(track.instrument(), amp, step.note()));
            }
        }
        return notes;
    }
}
