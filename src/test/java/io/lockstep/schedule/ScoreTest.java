package io.lockstep.schedule;

import io.lockstep.pattern.Pattern;
import io.lockstep.transport.Segment;
import io.lockstep.transport.Timeline;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.lockstep.schedule.TestPatterns.track;
import static org.assertj.core.api.Assertions.assertThat;

class ScoreTest {

    private static final long START_MICROS = 1_700_000_000_123_456L;

    private final Pattern pattern = new Pattern(List.of(
            track("kick", 1.0, false, 36, new int[]{0, 8}, new int[]{127, 64}),
            track("hat_closed", 0.5, false, 42, new int[]{0, 2, 4, 6, 8, 10, 12, 14}, new int[]{127, 127, 127, 127, 127, 127, 127, 127}),
            track("snare", 1.0, true, 50, new int[]{4, 12}, new int[]{127, 127}),
            track("bass", 1.0, false, 43, new int[]{3}, new int[]{100})));

    @Test
    void fourBarsMakeOneBundlePerSoundingStepWithEveryNoteOfIt() {
        Timeline timeline = TestPatterns.playing(120, 0, START_MICROS);
        long start = START_MICROS * 1000;
        List<Bundle> bundles = Score.between(pattern, timeline, new Alignment(0, 0), start, start + 4 * TestPatterns.barNanos(120));

        assertThat(bundles).hasSize(4 * 9);
        assertThat(bundles).extracting(b -> b.step() % 16).containsOnly(0L, 2L, 3L, 4L, 6L, 8L, 10L, 12L, 14L);
        Bundle downbeat = bundles.getFirst();
        assertThat(downbeat.atNanos()).isEqualTo(start);
        assertThat(downbeat.notes()).containsExactly(new Note("kick", 1f, 36), new Note("hat_closed", 0.5f, 42));
        assertThat(bundles.get(2).notes()).containsExactly(new Note("bass", 100 / 127f, 43));
        assertThat(bundles.get(2).atNanos() - start).isEqualTo(3 * 125_000_000L);
    }

    @Test
    void swingDelaysOddStepsAndTheOffsetAndLatencyMoveEveryNote() {
        Timeline timeline = TestPatterns.playing(120, 0.25, START_MICROS);
        Alignment alignment = new Alignment(-400_000, 12.5);
        long localStart = alignment.localNanos(START_MICROS);
        List<Bundle> bundles = Score.between(pattern, timeline, alignment, localStart, localStart + TestPatterns.barNanos(120));

        assertThat(localStart).isEqualTo((START_MICROS + 400_000 - 12_500) * 1000);
        Bundle bass = bundles.stream().filter(b -> b.step() == 3).findFirst().orElseThrow();
        assertThat(bass.atNanos() - localStart).isEqualTo(3 * 125_000_000L + 125_000_000L / 4);
    }

    @Test
    void adjacentWindowsShareNoStepAndMissNone() {
        Timeline timeline = TestPatterns.playing(173, 0.31, START_MICROS);
        Alignment alignment = new Alignment(250_000, -7.3);
        long from = alignment.localNanos(START_MICROS);
        long to = from + 4 * TestPatterns.barNanos(173);
        List<Bundle> whole = Score.between(pattern, timeline, alignment, from, to);
        List<Bundle> pieces = new java.util.ArrayList<>();
        for (long t = from; t < to; t += 7_777_777) {
            pieces.addAll(Score.between(pattern, timeline, alignment, t, Math.min(to, t + 7_777_777)));
        }
        assertThat(pieces).isEqualTo(whole);
    }

    @Test
    void aStopEndsTheNotesAndATempoChangeContinuesTheSongSteps() {
        double stepAt120 = 125_000;
        Segment first = new Segment(0, 32, START_MICROS, 120, 0);
        Segment faster = new Segment(32, 48, START_MICROS + Math.round(32 * stepAt120), 240, 0);
        Timeline timeline = new Timeline(240, 0, List.of(first, faster));
        long start = START_MICROS * 1000;
        List<Bundle> bundles = Score.between(pattern, timeline, new Alignment(0, 0), start, start + 60_000_000_000L);

        assertThat(bundles).extracting(Bundle::step).endsWith(44L, 46L).doesNotContain(48L, 50L);
        Bundle step34 = bundles.stream().filter(b -> b.step() == 34).findFirst().orElseThrow();
        assertThat(step34.atNanos() - start).isEqualTo(32 * 125_000_000L + 2 * 62_500_000L);
    }
}
