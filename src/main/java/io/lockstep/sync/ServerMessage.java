package io.lockstep.sync;

import io.lockstep.room.MemberView;
import io.lockstep.room.RoomState;
import io.lockstep.room.SyncReport;
import io.lockstep.transport.Timeline;

import java.util.List;
import java.util.Map;

/** Every JSON control message the server sends; Jackson writes each record as it stands (field names are the wire names). */
sealed interface ServerMessage {

    String type();

    record Joined(String type, String room, String you, String resume, String leader, int count,
                  List<Member> members, Map<String, Object> timeline, long serverTime) implements ServerMessage {
        Joined(io.lockstep.room.Joined joined, long serverTime) {
            this("JOINED", joined.code().value(), joined.memberId(), joined.resumeToken(), joined.state().leaderId(),
                    joined.state().count(), Member.all(joined.state()), joined.timeline().toMap(), serverTime);
        }
    }

    record Room(String type, String room, String leader, int count, List<Member> members) implements ServerMessage {
        Room(RoomState state) {
            this("ROOM", state.code().value(), state.leaderId(), state.count(), Member.all(state));
        }
    }

    record TimelineChanged(String type, Map<String, Object> timeline) implements ServerMessage {
        TimelineChanged(Timeline timeline) {
            this("TIMELINE", timeline.toMap());
        }
    }

    record Ack(String type, long seq, List<String> heads) implements ServerMessage {
        Ack(long seq, List<String> heads) {
            this("ACK", seq, heads);
        }
    }

    record Done(String type, String ref) implements ServerMessage {
        Done(String ref) {
            this("DONE", ref);
        }
    }

    record TimePong(String type, long id, long t1, long t2, long t3) implements ServerMessage {
        TimePong(long id, long t1, long t2, long t3) {
            this("TIME_PONG", id, t1, t2, t3);
        }
    }

    record Error(String type, String code, String message, String ref, Long seq) implements ServerMessage {
        Error(String code, String message, String ref, Long seq) {
            this("ERROR", code, message, ref, seq);
        }
    }

    record Member(String id, String name, String role, String presence, boolean leader, Sync sync) {
        static List<Member> all(RoomState state) {
            return state.members().stream().map(Member::of).toList();
        }

        static Member of(MemberView m) {
            return new Member(m.id(), m.name(), m.role().wireName(), m.presence().wireName(), m.leader(),
                    m.sync() == null ? null : Sync.of(m.sync()));
        }
    }

    record Sync(long rtt, long uncertainty, double drift) {
        static Sync of(SyncReport r) {
            return new Sync(r.rttMicros(), r.uncertaintyMicros(), r.driftPpm());
        }
    }
}
