package io.lockstep.room;

import io.lockstep.pattern.Pattern;
import io.lockstep.transport.Timeline;

/**
 * How a room reaches one member: a socket session or a Vaadin view. Called with the room locked, in the
 * room's order, so implementations must hand off and never block.
 */
public interface RoomListener {

    /** The first event a member receives: its welcome, before anything else that happens in the room. */
    void joined(Joined joined);

    /** Changes made by someone else (or this member's undo), as encoded Automerge changes, and the pattern after them. */
    void patternChanged(byte[] changes, Pattern pattern);

    void roomChanged(RoomState state);

    void timelineChanged(Timeline timeline);
}
