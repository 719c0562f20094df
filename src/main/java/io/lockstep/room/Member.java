package io.lockstep.room;

import io.lockstep.pattern.SyncSession;
import io.lockstep.pattern.UndoHistory;

/** A room's own record of one member. Mutable, touched only with its room locked. */
final class Member {

    final String id;
    final String name;
    final Role role;
    final String resumeToken;
    final long joinedMicros;
    final UndoHistory history = new UndoHistory();
    RoomListener listener;
    Presence presence = Presence.CONNECTED;
    /** When the presence last changed. */
    long sinceMicros;
    SyncReport sync;
    long reportShownMicros = Long.MIN_VALUE / 2;
    SyncSession syncSession;

    Member(String id, String name, Role role, String resumeToken, long joinedMicros, RoomListener listener) {
        this.id = id;
        this.name = name;
        this.role = role;
        this.resumeToken = resumeToken;
        this.joinedMicros = joinedMicros;
        this.listener = listener;
    }

    MemberView view(String leaderId) {
        return new MemberView(id, name, role, presence, id.equals(leaderId), sync);
    }

    void endSync() {
        if (syncSession != null) {
            syncSession.close();
            syncSession = null;
        }
    }
}
