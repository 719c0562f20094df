package io.lockstep.schedule;

import io.lockstep.pattern.Pattern;
import io.lockstep.transport.Segment;
import io.lockstep.transport.Timeline;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.lockstep.schedule.TestPatterns.track;
import static org.assertj.core.api.Assertions.assertThat;

class HorizonTest {

    private static final long START_MICROS = 1_700_000_000_000_000L;
    private static final long START = START_MICROS * 1000;
    private static final long AHEAD = 50_000_000L;
    private static final long TICK = 10_000_000L;

    private final Pattern everyStep = pattern(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

    private static Pattern pattern(int... steps) {
        int[] velocities = new int[steps.length];
        java.util.Arrays.fill(velocities, 100);
        return new Pattern(List.of(track("hat_closed", 1.0, false, 42, steps, velocities)));
    }

    /** Ticks from {@code from} to {@code to}, switching playback at {@code switchAt}; returns everything sent. */
    private static List<Bundle> run(Horizon horizon, Playback before, Playback after, long switchAt, long from, long to) {
        List<Bundle> sent = new ArrayList<>();
        for (long now = from; now < to; now += TICK) {
            sent.addAll(horizon.due(now < switchAt ? before : after, now));
        }
        return sent;
    }

    @Test
    void sendsOnlyWhatIsDueWithinTheHorizonAndEachStepOnce() {
        Horizon horizon = new Horizon(AHEAD, 0);
        Playback playback = new Playback(everyStep, TestPatterns.playing(120, 0, START_MICROS), 0);

        assertThat(horizon.due(playback, START)).extracting(Bundle::step).containsExactly(0L);
        assertThat(horizon.due(playback, START)).isEmpty();
        List<Bundle> sent = run(horizon, playback, playback, Long.MAX_VALUE, START + TICK, START + 2_000_000_000L);
        assertThat(sent).extracting(Bundle::step).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 16).boxed().toList());
        assertThat(sent).allSatisfy(b -> assertThat(b.atNanos()).isGreaterThanOrEqualTo(START));
    }

    @Test
    void aTempoChangeNeitherDoublesNorDropsAStep() {
        Horizon horizon = new Horizon(AHEAD, 0);
        Timeline steady = TestPatterns.playing(120, 0, START_MICROS);
        // Faster from step 16, announced while steps up to about 16 are already in scsynth.
        Segment first = new Segment(0, 16, START_MICROS, 120, 0);
        Timeline faster = new Timeline(180, 0, List.of(first, new Segment(16, Segment.OPEN, START_MICROS + 2_000_000, 180, 0)));
        List<Bundle> sent = run(horizon, new Playback(everyStep, steady, 0), new Playback(everyStep, faster, 0),
                START + 1_990_000_000L, START, START + 4_000_000_000L);

        List<Long> steps = sent.stream().map(Bundle::step).toList();
        assertThat(steps).doesNotHaveDuplicates();
        assertThat(steps).containsExactlyElementsOf(java.util.stream.LongStream.range(0, steps.size()).boxed().toList());
    }

    @Test
    void aClockCorrectionDoesNotReplayAStepAlreadySent() {
        Horizon horizon = new Horizon(AHEAD, 0);
        Timeline timeline = TestPatterns.playing(120, 0, START_MICROS);
        // The offset estimate moves 30 ms: steps already in scsynth keep their time, later ones take the new one.
        List<Bundle> sent = run(horizon, new Playback(everyStep, timeline, 0), new Playback(everyStep, timeline, -30_000),
                START + 1_000_000_000L, START, START + 2_000_000_000L);

        assertThat(sent).extracting(Bundle::step).doesNotHaveDuplicates().contains(8L, 9L);
    }

    @Test
    void anEditIsHeardFromTheFirstStepDueOneHorizonAndTickAfterIt() {
        Horizon horizon = new Horizon(AHEAD, 0);
        Timeline timeline = TestPatterns.playing(120, 0, START_MICROS);
        long editAt = START + 1_003_000_000L;
        List<Bundle> sent = run(horizon, new Playback(pattern(0, 4, 8, 12), timeline, 0),
                new Playback(pattern(2, 6, 10, 14), timeline, 0), editAt, START, START + 4_000_000_000L);

        for (Bundle bundle : sent) {
            boolean newPattern = bundle.step() % 4 == 2;
            if (bundle.atNanos() >= editAt + AHEAD + TICK) {
                assertThat(newPattern).as("step %d after the edit", bundle.step()).isTrue();
            }
            if (bundle.atNanos() < editAt) {
                assertThat(newPattern).as("step %d before the edit", bundle.step()).isFalse();
            }
        }
        assertThat(sent).extracting(Bundle::step).contains(8L, 10L, 14L);
    }
}
