package io.lockstep.transport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the music is in the room's (server) time, like an Ableton Link timeline: the tempo and swing the
 * leader has set, and the playback segments, in time order and not overlapping. An empty list, or a list
 * whose last segment has ended, means stopped. Late joiners and resumed tabs need only this and their clock
 * offset to fall straight into phase.
 */
public record Timeline(double bpm, double swing, List<Segment> segments) {

    public static final double MIN_BPM = 20.0;
    public static final double MAX_BPM = 300.0;
    public static final double MAX_SWING = 0.5;
    public static final int STEPS_PER_BAR = 16;
    public static final double DEFAULT_BPM = 120.0;

    public Timeline {
        checkTempo(bpm);
        checkSwing(swing);
        segments = List.copyOf(segments);
    }

    public static Timeline stopped(double bpm, double swing) {
        return new Timeline(bpm, swing, List.of());
    }

    static void checkTempo(double bpm) {
        if (!(bpm >= MIN_BPM && bpm <= MAX_BPM)) {
            throw new IllegalArgumentException("tempo must be " + MIN_BPM + "-" + MAX_BPM + " BPM, was " + bpm);
        }
    }

    static void checkSwing(double swing) {
        if (!(swing >= 0.0 && swing <= MAX_SWING)) {
            throw new IllegalArgumentException("swing must be 0.0-" + MAX_SWING + ", was " + swing);
        }
    }

    static double stepMicros(double bpm) {
        return 60_000_000.0 / bpm / 4.0;
    }

    /** Whether any step sounds at or after server time {@code nowMicros}. */
    public boolean playingAt(long nowMicros) {
        return !segments.isEmpty() && segments.getLast().endMicros() > nowMicros;
    }

    /** Every step that sounds in server time {@code [fromMicros, toMicros)}, in time order: what an engine plans. */
    public List<StepTime> stepsBetween(long fromMicros, long toMicros) {
        List<StepTime> steps = new ArrayList<>();
        for (Segment segment : segments) {
            if (segment.atMicros() >= toMicros || segment.endMicros() <= fromMicros) {
                continue;
            }
            // One step early: a swung odd step sounds after its straight time.
            long step = Math.max(segment.fromStep(), segment.stepAt(fromMicros) - 1);
            for (; step < segment.untilStep() && segment.straightTimeOf(step) < toMicros; step++) {
                double at = segment.timeOfStep(step);
                if (at >= fromMicros && at < toMicros) {
                    steps.add(new StepTime(step, at));
                }
            }
        }
        return steps;
    }

    /** The playhead at server time {@code micros}. */
    public Position positionAt(long micros) {
        for (Segment segment : segments.reversed()) {
            if (segment.atMicros() <= micros) {
                if (micros >= segment.endMicros()) {
                    return new Position(segment.untilStep(), 0, false);
                }
                double steps = (micros - segment.atMicros()) / segment.stepMicros();
                return new Position(segment.fromStep() + (long) Math.floor(steps), steps - Math.floor(steps), true);
            }
        }
        return new Position(segments.isEmpty() ? 0 : segments.getFirst().fromStep(), 0, false);
    }

    /** The first step boundary at or after {@code micros} on the room's grid; empty before anything ever played. */
    public Optional<StepTime> nextStep(long micros) {
        return nextBoundary(micros, 1);
    }

    /** The first bar boundary (song step a multiple of 16) at or after {@code micros} on the room's grid. */
    public Optional<StepTime> nextBar(long micros) {
        return nextBoundary(micros, STEPS_PER_BAR);
    }

    /**
     * The grid at a time is that of the last segment started by then, carried on past its end, so that a restart
     * quantized to the bar stays in phase with what played before.
     */
    private Optional<StepTime> nextBoundary(long micros, int every) {
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        Segment grid = segments.getFirst();
        for (Segment segment : segments) {
            if (segment.atMicros() <= micros) {
                grid = segment;
            }
        }
        long step = Math.max(grid.fromStep(), grid.stepAt(micros));
        step += Math.floorMod(-step, every);
        while (grid.straightTimeOf(step) < micros) {
            step += every;
        }
        return Optional.of(new StepTime(step, grid.straightTimeOf(step)));
    }

    /** The wire shape: {@code {"bpm","swing","segments":[{"fromStep","untilStep"(null = open),"at","bpm","swing"}]}}. */
    public Map<String, Object> toMap() {
        List<Map<String, Object>> wire = new ArrayList<>();
        for (Segment segment : segments) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("fromStep", segment.fromStep());
            map.put("untilStep", segment.untilStep() == Segment.OPEN ? null : segment.untilStep());
            map.put("at", segment.atMicros());
            map.put("bpm", segment.bpm());
            map.put("swing", segment.swing());
            wire.add(map);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("bpm", bpm);
        map.put("swing", swing);
        map.put("segments", wire);
        return map;
    }

    /** Reads {@link #toMap()}'s shape as a JSON parser gives it (any numbers); throws IllegalArgumentException if malformed. */
    public static Timeline fromMap(Map<String, ?> map) {
        List<Segment> segments = new ArrayList<>();
        if (!(map.get("segments") instanceof List<?> wire)) {
            throw new IllegalArgumentException("segments missing");
        }
        for (Object item : wire) {
            if (!(item instanceof Map<?, ?> segment)) {
                throw new IllegalArgumentException("a segment must be an object");
            }
            Object until = segment.get("untilStep");
            segments.add(new Segment(number(segment, "fromStep").longValue(),
                    until == null ? Segment.OPEN : number(segment, "untilStep").longValue(),
                    number(segment, "at").longValue(), number(segment, "bpm").doubleValue(),
                    number(segment, "swing").doubleValue()));
        }
        return new Timeline(number(map, "bpm").doubleValue(), number(map, "swing").doubleValue(), segments);
    }

    private static Number number(Map<?, ?> map, String key) {
        if (map.get(key) instanceof Number number) {
            return number;
        }
        throw new IllegalArgumentException(key + " must be a number");
    }
}
