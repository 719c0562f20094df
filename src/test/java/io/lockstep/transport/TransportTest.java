package io.lockstep.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class TransportTest {

    private static final long NOW = 1_750_000_000_000_000L;
    private static final long LEAD = 200_000L;
    private static final double STEP_AT_120 = 125_000.0;

    @Test
    void playStartsAtStepZeroOneLeadAhead() {
        Timeline playing = Transport.play(Timeline.stopped(120, 0), NOW, LEAD, true);
        assertThat(playing.segments()).containsExactly(new Segment(0, Segment.OPEN, NOW + LEAD, 120, 0));
        assertThat(Transport.play(playing, NOW + 1, LEAD, true)).isEqualTo(playing);
    }

    @Test
    void quantizedRestartKeepsTheOldBarGrid() {
        Timeline playing = Transport.play(Timeline.stopped(120, 0), NOW, LEAD, false);
        Timeline stopped = Transport.stop(playing, NOW + 1_000_000, LEAD, false);
        Timeline again = Transport.play(stopped, NOW + 3_100_000, LEAD, true);
        long start = again.segments().getLast().atMicros();
        double bars = (start - (NOW + LEAD)) / (16 * STEP_AT_120);
        assertThat(bars).isEqualTo(Math.rint(bars));
        assertThat(start).isGreaterThanOrEqualTo(NOW + 3_100_000 + LEAD);
        assertThat(start - (NOW + 3_100_000 + LEAD)).isLessThan((long) (16 * STEP_AT_120));
    }

    @Test
    void tempoChangeWaitsForTheNextBarLineAtLeastOneLeadAhead() throws TransportException {
        Timeline playing = Transport.play(Timeline.stopped(120, 0), NOW, LEAD, false);
        long later = NOW + LEAD + 5_000_000;
        Timeline faster = Transport.setTempo(playing, 140, later, LEAD);
        List<Segment> segments = faster.segments();
        assertThat(segments).hasSize(2);
        assertThat(segments.get(0).untilStep()).isEqualTo(48);
        assertThat(segments.get(1)).isEqualTo(new Segment(48, Segment.OPEN, NOW + LEAD + 6_000_000, 140, 0));
        long bar = NOW + LEAD + 6_000_000;
        assertThat(faster.stepsBetween(bar - 130_000, bar + 110_000)).containsExactly(
                new StepTime(47, bar - STEP_AT_120), new StepTime(48, bar), new StepTime(49, bar + 15_000_000.0 / 140));
    }

    @Test
    void stopAtBarEndAndIdempotentStop() {
        Timeline playing = Transport.play(Timeline.stopped(120, 0), NOW, LEAD, false);
        Timeline stopping = Transport.stop(playing, NOW + LEAD + 300_000, LEAD, true);
        assertThat(stopping.segments().getLast().untilStep()).isEqualTo(16);
        assertThat(Transport.stop(stopping, NOW + LEAD + 2_000_000, LEAD, true)).isEqualTo(stopping);
        assertThat(Transport.play(stopping, NOW + LEAD + 400_000, LEAD, false).segments().getLast().untilStep())
                .isEqualTo(Segment.OPEN);
    }

    @Test
    void seekJumpsAtTheNextBarLine() throws TransportException {
        Timeline playing = Transport.play(Timeline.stopped(120, 0), NOW, LEAD, false);
        Timeline jumped = Transport.seek(playing, 8, NOW + LEAD + 100_000, LEAD);
        assertThat(jumped.segments().getLast()).isEqualTo(new Segment(128, Segment.OPEN, NOW + LEAD + 2_000_000, 120, 0));
    }

    @Test
    void rejectsWithWireCodes() {
        Timeline stopped = Timeline.stopped(120, 0);
        assertThatThrownBy(() -> Transport.setTempo(stopped, Double.NaN, NOW, LEAD)).extracting("code").isEqualTo("BAD_TEMPO");
        assertThatThrownBy(() -> Transport.setTempo(stopped, 301, NOW, LEAD)).extracting("code").isEqualTo("BAD_TEMPO");
        assertThatThrownBy(() -> Transport.setSwing(stopped, 0.6, NOW, LEAD)).extracting("code").isEqualTo("BAD_SWING");
        assertThatThrownBy(() -> Transport.seek(stopped, -1, NOW, LEAD)).extracting("code").isEqualTo("BAD_BAR");
        assertThatThrownBy(() -> Transport.seek(stopped, 2, NOW, LEAD)).extracting("code").isEqualTo("NOT_PLAYING");
        assertThatThrownBy(() -> Transport.playAt(stopped, NOW, LEAD, NOW + LEAD - 1)).extracting("code").isEqualTo("START_IN_PAST");
    }

    @Test
    void oldSegmentsArePruned() {
        Timeline timeline = Timeline.stopped(120, 0);
        long now = NOW;
        for (int i = 0; i < 50; i++) {
            timeline = Transport.play(timeline, now, LEAD, false);
            now += 5_000_000;
            timeline = Transport.stop(timeline, now, LEAD, false);
            now += 5_000_000;
        }
        assertThat(timeline.segments().size()).isLessThanOrEqualTo((int) (Transport.KEEP_MICROS / 10_000_000) + 2);
    }

    @Test
    void leadCoversTheSlowestMemberWithinFloorAndCap() {
        assertThat(LeadTime.forMembers(List.of())).isEqualTo(LeadTime.FLOOR_MICROS);
        assertThat(LeadTime.forMembers(List.of(new LeadTime.Link(80_000, 2_000), new LeadTime.Link(120_000, 5_000))))
                .isEqualTo(120_000 + 5_000 + LeadTime.PREPARE_MICROS);
        assertThat(LeadTime.forMembers(List.of(new LeadTime.Link(9_000_000, 0)))).isEqualTo(LeadTime.CAP_MICROS);
    }
}
