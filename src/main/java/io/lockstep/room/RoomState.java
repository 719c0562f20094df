package io.lockstep.room;

import java.util.List;

/** Who is in the room and who leads; pushed to every member on every change. {@code count} counts members not gone. */
public record RoomState(RoomCode code, String leaderId, List<MemberView> members, int count) {

    public RoomState {
        members = List.copyOf(members);
    }
}
