package io.lockstep.engine;

import io.lockstep.room.DeafMember;
import io.lockstep.room.MemberView;
import io.lockstep.room.Role;
import io.lockstep.room.Room;
import io.lockstep.room.RoomException;

import java.util.Optional;

/** The server's side of a room as the engine tests see it: a musician who edits and leads, and the engine's line in the member list. */
final class TestRooms {

    private TestRooms() {
    }

    /** Joins a musician at the server's side of the room, editing and leading as the web UI does; returns its member id. */
    static String musician(Room room) throws RoomException {
        return room.join("Ana", Role.MUSICIAN, DeafMember.LISTENER, null, false).memberId();
    }

    static Optional<MemberView> engineMember(Room room) {
        return room.state().members().stream().filter(m -> m.role() == Role.ENGINE).findFirst();
    }
}
