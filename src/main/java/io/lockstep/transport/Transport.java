package io.lockstep.transport;

import java.util.ArrayList;
import java.util.List;

/**
 * The leader's controls, as pure functions from one {@link Timeline} to the next. Every change takes effect at a
 * step or bar boundary at least the lead time ahead, so every member hears it at the same musical moment and
 * nobody's already planned bars are wrong. Play and stop are idempotent (a repeated click or a retried message
 * changes nothing); play reopens a pending stop. Playback from stopped starts at song step 0.
 */
public final class Transport {

    /** Segments that ended longer ago than this are dropped: nobody can still be playing them. */
    static final long KEEP_MICROS = 60_000_000L;
    static final long MAX_BAR = 1_000_000L;

    private Transport() {
    }

    /** Starts at the first step boundary at least {@code leadMicros} ahead, or the next bar of the room's grid. */
    public static Timeline play(Timeline timeline, long nowMicros, long leadMicros, boolean quantizeToBar) {
        if (timeline.playingAt(nowMicros)) {
            return reopen(timeline);
        }
        long earliest = nowMicros + leadMicros;
        long start = quantizeToBar
                ? timeline.nextBar(earliest).map(bar -> (long) Math.ceil(bar.atMicros())).orElse(earliest)
                : earliest;
        return startAt(timeline, nowMicros, start);
    }

    /** Starts at the leader's chosen server time {@code atMicros}, which must leave every member the lead time. */
    public static Timeline playAt(Timeline timeline, long nowMicros, long leadMicros, long atMicros) throws TransportException {
        if (atMicros < nowMicros + leadMicros) {
            throw new TransportException("START_IN_PAST", "start " + atMicros + " is before now + lead " + (nowMicros + leadMicros));
        }
        return timeline.playingAt(nowMicros) ? reopen(timeline) : startAt(timeline, nowMicros, atMicros);
    }

    /** Stops at the first step boundary at least the lead ahead, or at the end of that bar. */
    public static Timeline stop(Timeline timeline, long nowMicros, long leadMicros, boolean atBarEnd) {
        if (!timeline.playingAt(nowMicros)) {
            return timeline;
        }
        long earliest = nowMicros + leadMicros;
        List<Segment> segments = kept(timeline, nowMicros);
        Segment last = segments.removeLast();
        if (last.atMicros() < earliest) {
            StepTime end = atBarEnd ? timeline.nextBar(earliest).orElseThrow() : timeline.nextStep(earliest).orElseThrow();
            segments.add(end.step() < last.untilStep() ? last.until(end.step()) : last);
        }
        return new Timeline(timeline.bpm(), timeline.swing(), segments);
    }

    public static Timeline setTempo(Timeline timeline, double bpm, long nowMicros, long leadMicros) throws TransportException {
        if (!(bpm >= Timeline.MIN_BPM && bpm <= Timeline.MAX_BPM)) {
            throw new TransportException("BAD_TEMPO", "tempo must be " + Timeline.MIN_BPM + "-" + Timeline.MAX_BPM + " BPM, was " + bpm);
        }
        return change(new Timeline(bpm, timeline.swing(), timeline.segments()), nowMicros, leadMicros, -1);
    }

    public static Timeline setSwing(Timeline timeline, double swing, long nowMicros, long leadMicros) throws TransportException {
        if (!(swing >= 0 && swing <= Timeline.MAX_SWING)) {
            throw new TransportException("BAD_SWING", "swing must be 0-" + Timeline.MAX_SWING + ", was " + swing);
        }
        return change(new Timeline(timeline.bpm(), swing, timeline.segments()), nowMicros, leadMicros, -1);
    }

    /** Jumps to the first step of {@code bar} at the next bar boundary at least the lead ahead. */
    public static Timeline seek(Timeline timeline, long bar, long nowMicros, long leadMicros) throws TransportException {
        if (bar < 0 || bar > MAX_BAR) {
            throw new TransportException("BAD_BAR", "bar must be 0-" + MAX_BAR + ", was " + bar);
        }
        if (!timeline.playingAt(nowMicros)) {
            throw new TransportException("NOT_PLAYING", "seek needs playback; play starts at bar 0");
        }
        return change(timeline, nowMicros, leadMicros, bar * Timeline.STEPS_PER_BAR);
    }

    /**
     * Re-anchors playback at the next bar boundary at least the lead ahead, with the timeline's tempo and swing,
     * continuing at {@code toStep} (or the boundary's own step when negative). Up to the boundary the old segment
     * governs, so the change lands exactly on it. A pending stop keeps its distance.
     */
    private static Timeline change(Timeline timeline, long nowMicros, long leadMicros, long toStep) {
        if (!timeline.playingAt(nowMicros)) {
            return timeline;
        }
        List<Segment> segments = kept(timeline, nowMicros);
        Segment last = segments.removeLast();
        long earliest = nowMicros + leadMicros;
        long from;
        long at;
        if (last.atMicros() >= earliest) {
            from = last.fromStep();
            at = last.atMicros();
        } else {
            StepTime bar = timeline.nextBar(earliest).orElseThrow();
            if (bar.step() >= last.untilStep()) {
                segments.add(last);
                return new Timeline(timeline.bpm(), timeline.swing(), segments);
            }
            segments.add(last.until(bar.step()));
            from = bar.step();
            at = Math.round(bar.atMicros());
        }
        long start = toStep < 0 ? from : toStep;
        long until = last.untilStep() == Segment.OPEN ? Segment.OPEN : start + (last.untilStep() - from);
        segments.add(new Segment(start, until, at, timeline.bpm(), timeline.swing()));
        return new Timeline(timeline.bpm(), timeline.swing(), segments);
    }

    private static Timeline reopen(Timeline timeline) {
        Segment last = timeline.segments().getLast();
        if (last.untilStep() == Segment.OPEN) {
            return timeline;
        }
        List<Segment> segments = new ArrayList<>(timeline.segments());
        segments.set(segments.size() - 1, last.until(Segment.OPEN));
        return new Timeline(timeline.bpm(), timeline.swing(), segments);
    }

    private static Timeline startAt(Timeline timeline, long nowMicros, long startMicros) {
        List<Segment> segments = kept(timeline, nowMicros);
        segments.add(new Segment(0, Segment.OPEN, startMicros, timeline.bpm(), timeline.swing()));
        return new Timeline(timeline.bpm(), timeline.swing(), segments);
    }

    /** The segments still worth sending; the last is always kept, as the grid a quantized restart follows. */
    private static List<Segment> kept(Timeline timeline, long nowMicros) {
        List<Segment> segments = new ArrayList<>();
        List<Segment> all = timeline.segments();
        for (int i = 0; i < all.size(); i++) {
            if (i == all.size() - 1 || all.get(i).endMicros() >= nowMicros - KEEP_MICROS) {
                segments.add(all.get(i));
            }
        }
        return segments;
    }
}
