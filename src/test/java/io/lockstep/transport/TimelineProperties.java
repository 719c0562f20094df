package io.lockstep.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class TimelineProperties {

    private static final long START = 1_750_000_000_000_000L;
    private static final long LEAD = 150_000L;

    /** One leader action, {@code gap} microseconds after the previous one. */
    record Action(long gap, int kind, double value) {
    }

    @Provide
    Arbitrary<List<Action>> sessions() {
        Arbitrary<Action> action = Combinators.combine(Arbitraries.longs().between(0, 8_000_000),
                Arbitraries.integers().between(0, 5), Arbitraries.doubles().between(0, 1)).as(Action::new);
        return action.list().ofMaxSize(12);
    }

    private static Timeline perform(List<Action> actions, long[] clock) throws TransportException {
        Timeline timeline = Timeline.stopped(Timeline.DEFAULT_BPM, 0);
        long now = START;
        for (Action a : actions) {
            now += a.gap();
            timeline = switch (a.kind()) {
                case 0 -> Transport.play(timeline, now, LEAD, a.value() < 0.5);
                case 1 -> Transport.stop(timeline, now, LEAD, a.value() < 0.5);
                case 2 -> Transport.setTempo(timeline, Timeline.MIN_BPM + a.value() * (Timeline.MAX_BPM - Timeline.MIN_BPM), now, LEAD);
                case 3 -> Transport.setSwing(timeline, a.value() * Timeline.MAX_SWING, now, LEAD);
                case 4 -> timeline.playingAt(now) ? Transport.seek(timeline, (long) (a.value() * 100), now, LEAD) : timeline;
                default -> Transport.play(timeline, now, LEAD, true);
            };
        }
        clock[0] = now;
        return timeline;
    }

    @Property(tries = 300)
    void stepsNeverCollideAndEveryChangeLandsOnABarBoundary(@ForAll("sessions") List<Action> actions) throws TransportException {
        Timeline timeline = perform(actions, new long[1]);
        List<StepTime> steps = timeline.stepsBetween(START, START + 200_000_000L);
        for (int i = 1; i < steps.size(); i++) {
            assertThat(steps.get(i).atMicros()).isGreaterThan(steps.get(i - 1).atMicros());
        }
        List<Segment> segments = timeline.segments();
        for (int i = 1; i < segments.size(); i++) {
            Segment before = segments.get(i - 1);
            Segment after = segments.get(i);
            assertThat(after.atMicros()).isGreaterThanOrEqualTo(Math.round(before.endMicros()) - 1);
            if (Math.abs(after.atMicros() - before.endMicros()) <= 1) {
                // Continuous playback: re-anchored by tempo, swing or seek, so exactly at the old tempo's bar line.
                assertThat(before.untilStep() % Timeline.STEPS_PER_BAR).isZero();
                assertThat(after.fromStep() % Timeline.STEPS_PER_BAR).isZero();
            }
        }
    }

    @Property(tries = 300)
    void everyMemberComputesTheSameTimesFromTheWireShape(@ForAll("sessions") List<Action> actions,
            @ForAll @LongRange(min = 0, max = 100_000_000) long joinAfter) throws TransportException {
        long[] clock = new long[1];
        Timeline leader = perform(actions, clock);
        Timeline member = Timeline.fromMap(asParsedJson(leader.toMap()));
        assertThat(member).isEqualTo(leader);
        long from = clock[0] + joinAfter;
        assertThat(member.stepsBetween(from, from + 8_000_000)).isEqualTo(leader.stepsBetween(from, from + 8_000_000));
        assertThat(member.positionAt(from)).isEqualTo(leader.positionAt(from));
    }

    @Property(tries = 300)
    void planningInChunksSeesEveryStepOnce(@ForAll("sessions") List<Action> actions,
            @ForAll @LongRange(min = 50_000, max = 3_000_000) long chunk) throws TransportException {
        Timeline timeline = perform(actions, new long[1]);
        long end = START + 60_000_000L;
        List<StepTime> chunked = new ArrayList<>();
        for (long t = START; t < end; t += chunk) {
            chunked.addAll(timeline.stepsBetween(t, Math.min(end, t + chunk)));
        }
        assertThat(chunked).isEqualTo(timeline.stepsBetween(START, end));
    }

    @Property(tries = 300)
    void aLateJoinerFindsThePlayingStep(@ForAll("sessions") List<Action> actions,
            @ForAll @LongRange(min = 0, max = 100_000_000) long joinAfter) throws TransportException {
        Timeline timeline = perform(actions, new long[1]);
        long now = START + joinAfter;
        Position position = timeline.positionAt(now);
        assertThat(position.fraction()).isBetween(0.0, 1.0);
        if (position.playing() && position.fraction() > 0) {
            StepTime next = timeline.nextStep(now).orElseThrow();
            assertThat(next.atMicros()).isGreaterThanOrEqualTo(now);
            assertThat(next.step()).isEqualTo(position.step() + 1);
        }
    }

    /** What a JSON parser hands back: whole numbers as Integer or Long, others as Double, open ends as null. */
    private static Map<String, Object> asParsedJson(Map<String, Object> map) {
        Map<String, Object> parsed = new LinkedHashMap<>();
        map.forEach((key, value) -> parsed.put(key, switch (value) {
            case Long l when l == l.intValue() -> l.intValue();
            case Double d when d == Math.rint(d) && Math.abs(d) < 1e15 -> d.longValue();
            case List<?> list -> list.stream().map(item -> asParsedJson(cast(item))).toList();
            case null -> null;
            default -> value;
        }));
        return parsed;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object item) {
        return (Map<String, Object>) item;
    }
}
