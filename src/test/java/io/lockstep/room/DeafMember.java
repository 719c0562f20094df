package io.lockstep.room;

import io.lockstep.pattern.Pattern;
import io.lockstep.transport.Timeline;

/** For tests: a member that needs none of the room's news (another musician whose screen nobody looks at). */
public final class DeafMember implements RoomListener {

    public static final RoomListener LISTENER = new DeafMember();

    private DeafMember() {
    }

    @Override
    public void joined(Joined joined) {
    }

    @Override
    public void patternChanged(byte[] changes, Pattern pattern) {
    }

    @Override
    public void roomChanged(RoomState state) {
    }

    @Override
    public void timelineChanged(Timeline timeline) {
    }
}
