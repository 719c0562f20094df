package io.lockstep.sync;

import io.lockstep.Refusal;
import io.lockstep.clock.PingLimiter;
import io.lockstep.clock.TimeSource;
import io.lockstep.clock.TokenBucket;
import io.lockstep.pattern.Pattern;
import io.lockstep.pattern.PatternException;
import io.lockstep.room.Joined;
import io.lockstep.room.Room;
import io.lockstep.room.RoomException;
import io.lockstep.room.RoomListener;
import io.lockstep.room.RoomService;
import io.lockstep.room.RoomState;
import io.lockstep.room.SyncReport;
import io.lockstep.room.TimelineChange;
import io.lockstep.transport.Timeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One client socket: at most one room membership, its limits, and the translation between frames and room calls.
 * As a RoomListener it turns room events into frames.
 */
final class Connection implements RoomListener {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final WebSocketSession session;
    private final JsonMapper json;
    private final RoomService rooms;
    private final TimeSource clock;
    private final TokenBucket frames;
    final PartialMessage text;
    final PartialMessage binary;
    private final PingLimiter pings = new PingLimiter();
    private final TokenBucket limitErrors = new TokenBucket(1, 1);
    /** Refusing a schema-breaking change means rolling the document back, which is costly: few are allowed. */
    private final TokenBucket refusedPayloads = new TokenBucket(5, 0.2);
    private volatile Room room;
    private volatile String memberId;

    Connection(WebSocketSession session, JsonMapper json, RoomService rooms, TimeSource clock, SyncLimits limits) {
        this.session = session;
        this.json = json;
        this.rooms = rooms;
        this.clock = clock;
        this.frames = new TokenBucket(limits.frameBurst(), limits.framesPerSecond());
        this.text = new PartialMessage(limits.maxTextBytes(), "text");
        this.binary = new PartialMessage(limits.maxBinaryBytes(), "binary");
    }

    /** Admits a frame under the per-connection rate limit; a flood gets at most one RATE_LIMITED error a second. */
    boolean admit(String ref) {
        if (frames.take(clock.nowMicros())) {
            return true;
        }
        refuseFlood(ref);
        return false;
    }

    private void refuseFlood(String ref) {
        if (limitErrors.take(clock.nowMicros())) {
            send(new ServerMessage.Error("RATE_LIMITED", "too many messages; slow down", ref, null));
        }
    }

    void onText(ClientMessage message, long receivedMicros) throws Refusal {
        switch (message) {
            case ClientMessage.TimePing p -> {
                if (pings.tryPing(receivedMicros)) {
                    send(new ServerMessage.TimePong(p.id(), p.t1(), receivedMicros, clock.nowMicros()));
                } else {
                    throw new ProtocolException("RATE_LIMITED", "too many clock pings; the limit allows bursts, then five a second");
                }
            }
            case ClientMessage.Create c -> {
                requireNoRoom();
                enter(rooms.create(), c.name(), c.role(), null, false);
            }
            case ClientMessage.Join j -> {
                requireNoRoom();
                enter(rooms.find(j.room()), j.name(), j.role(), j.resume(), j.sync());
            }
            case ClientMessage.Leave l -> {
                joinedRoom().leave(memberId);
                room = null;
                memberId = null;
                send(new ServerMessage.Done("LEAVE"));
            }
            case ClientMessage.Undo u -> {
                joinedRoom().undo(memberId);
                send(new ServerMessage.Done("UNDO"));
            }
            case ClientMessage.Redo r -> {
                joinedRoom().redo(memberId);
                send(new ServerMessage.Done("REDO"));
            }
            case ClientMessage.ClockReport c -> {
                if (c.rttMicros() < 0 || c.uncertaintyMicros() < 0) {
                    throw new ProtocolException("BAD_FIELD", "rtt and uncertainty are non-negative microseconds");
                }
                joinedRoom().report(memberId, new SyncReport(c.rttMicros(), c.uncertaintyMicros(), c.driftPpm()));
            }
            case ClientMessage.ClaimLead m -> joinedRoom().claimLead(memberId);
            case ClientMessage.HandLead m -> joinedRoom().handLead(memberId, m.to());
            case ClientMessage.SetTempo m -> joinedRoom().lead(memberId, TimelineChange.tempo(m.bpm()));
            case ClientMessage.SetSwing m -> joinedRoom().lead(memberId, TimelineChange.swing(m.swing()));
            case ClientMessage.Play m -> joinedRoom().lead(memberId,
                    m.at() == null ? TimelineChange.play(m.onBar()) : TimelineChange.playAt(m.at()));
            case ClientMessage.Stop m -> joinedRoom().lead(memberId, TimelineChange.stop(m.atBarEnd()));
            case ClientMessage.Seek m -> joinedRoom().lead(memberId, TimelineChange.seek(m.bar()));
        }
    }

    void onBinary(Frame frame) throws Refusal {
        Room r = joinedRoom();
        long now = clock.nowMicros();
        if (!refusedPayloads.hasToken(now)) {
            throw new ProtocolException("RATE_LIMITED", "too many schema-breaking changes; wait before sending more");
        }
        try {
            apply(r, frame);
        } catch (PatternException e) {
            if (PatternException.SCHEMA_VIOLATION.equals(e.code())) {
                refusedPayloads.take(now);
            }
            throw e;
        }
    }

    private void apply(Room r, Frame frame) throws Refusal {
        switch (frame.kind()) {
            case CHANGES -> send(new ServerMessage.Ack(frame.seq(), r.applyChanges(memberId, frame.payload())));
            case SYNC -> {
                List<String> heads = r.receiveSync(memberId, frame.payload());
                sendSyncMessages(r);
                send(new ServerMessage.Ack(frame.seq(), heads));
            }
            case DOCUMENT -> throw new ProtocolException("BAD_FRAME", "clients do not send documents");
        }
    }

    private void enter(Room target, String name, io.lockstep.room.Role role, String resume, boolean sync)
            throws RoomException {
        Joined joined = target.join(name, role, this, resume, sync);
        room = target;
        memberId = joined.memberId();
        if (sync) {
            sendSyncMessages(target);
        }
    }

    private void sendSyncMessages(Room r) throws RoomException {
        Optional<byte[]> next;
        while ((next = r.syncMessage(memberId)).isPresent()) {
            sendBinary(Frame.Kind.SYNC, next.get());
        }
    }

    private void requireNoRoom() throws ProtocolException {
        if (room != null) {
            throw new ProtocolException("ALREADY_JOINED", "this connection is already in room " + room.code() + "; LEAVE first");
        }
    }

    private Room joinedRoom() throws ProtocolException {
        Room r = room;
        if (r == null) {
            throw new ProtocolException("NOT_JOINED", "CREATE or JOIN a room first");
        }
        return r;
    }

    /** The socket closed: a member that did not LEAVE may come back within its grace period. */
    void closed() {
        Room r = room;
        if (r != null) {
            r.disconnect(memberId, this);
        }
    }

    @Override
    public void joined(Joined joined) {
        send(new ServerMessage.Joined(joined, clock.nowMicros()));
        if (joined.document() != null) {
            sendBinary(Frame.Kind.DOCUMENT, joined.document());
        }
    }

    @Override
    public void patternChanged(byte[] changes, Pattern pattern) {
        sendBinary(Frame.Kind.CHANGES, changes);
    }

    @Override
    public void roomChanged(RoomState state) {
        send(new ServerMessage.Room(state));
    }

    @Override
    public void timelineChanged(Timeline timeline) {
        send(new ServerMessage.TimelineChanged(timeline));
    }

    void send(ServerMessage message) {
        deliver(new TextMessage(json.writeValueAsString(message)));
    }

    private void sendBinary(Frame.Kind kind, byte[] payload) {
        deliver(new BinaryMessage(Frame.toClient(kind, payload)));
    }

    private void deliver(WebSocketMessage<?> message) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.sendMessage(message);
        } catch (IOException | IllegalStateException e) {
            log.debug("dropping a frame for {}: {}", session.getId(), e.getMessage());
        }
    }
}
