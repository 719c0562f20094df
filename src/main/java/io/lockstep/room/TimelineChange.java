package io.lockstep.room;

import io.lockstep.transport.Timeline;
import io.lockstep.transport.Transport;
import io.lockstep.transport.TransportException;

/**
 * One of the leader's transport requests, applied to the room's timeline at the room's time with its lead time.
 * The request's own checks (tempo range, start in the past...) throw with nothing changed.
 */
@FunctionalInterface
public interface TimelineChange {

    Timeline apply(Timeline timeline, long nowMicros, long leadMicros) throws TransportException;

    static TimelineChange play(boolean onBar) {
        return (t, now, lead) -> Transport.play(t, now, lead, onBar);
    }

    static TimelineChange playAt(long atMicros) {
        return (t, now, lead) -> Transport.playAt(t, now, lead, atMicros);
    }

    static TimelineChange stop(boolean atBarEnd) {
        return (t, now, lead) -> Transport.stop(t, now, lead, atBarEnd);
    }

    static TimelineChange tempo(double bpm) {
        return (t, now, lead) -> Transport.setTempo(t, bpm, now, lead);
    }

    static TimelineChange swing(double swing) {
        return (t, now, lead) -> Transport.setSwing(t, swing, now, lead);
    }

    static TimelineChange seek(long bar) {
        return (t, now, lead) -> Transport.seek(t, bar, now, lead);
    }
}
