package io.lockstep.room;

import io.lockstep.clock.TimeSource;
import io.lockstep.pattern.Delta;
import io.lockstep.pattern.Edit;
import io.lockstep.pattern.Pattern;
import io.lockstep.pattern.PatternDocument;
import io.lockstep.pattern.PatternException;
import io.lockstep.transport.LeadTime;
import io.lockstep.transport.LeaderChange;
import io.lockstep.transport.Leadership;
import io.lockstep.transport.Timeline;
import io.lockstep.transport.TransportException;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One room: the shared pattern document, its members and its timeline. Every method runs with the room locked,
 * so the document has exactly one user at a time (Automerge documents are not thread-safe) and every member
 * sees events in the same order.
 */
public final class Room implements AutoCloseable {

    static final int MAX_NAME_LENGTH = 32;

    private final RoomCode code;
    private final PatternDocument document;
    private final TimeSource clock;
    private final RoomSettings settings;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private int nextMemberNumber = 1;
    private final Leadership leadership = new Leadership();
    private Timeline timeline = Timeline.stopped(Timeline.DEFAULT_BPM, 0.0);
    private long emptySinceMicros;
    private boolean closed;

    Room(RoomCode code, PatternDocument document, TimeSource clock, RoomSettings settings) {
        this.code = code;
        this.document = document;
        this.clock = clock;
        this.settings = settings;
        this.emptySinceMicros = clock.nowMicros();
    }

    public RoomCode code() {
        return code;
    }

    /**
     * Adds a member, or takes one back that resumes within its grace period (same id, same undo history).
     * With {@code withSync} the member already holds a replica and catches up through Automerge's sync protocol
     * ({@link #syncMessage}), so no document is included.
     */
    public synchronized Joined join(String name, Role role, RoomListener listener, String resumeToken, boolean withSync)
            throws RoomException {
        checkOpen();
        Member member = resumeToken == null ? null : resumable(resumeToken);
        if (member == null) {
            member = new Member("m" + nextMemberNumber++, validName(name), role, newToken(), clock.nowMicros(), listener);
            members.put(member.id, member);
        } else {
            member.listener = listener;
            member.presence = Presence.CONNECTED;
            member.endSync();
        }
        if (withSync) {
            member.syncSession = document.startSync();
        }
        leadership.joined(member.id, member.role == Role.MUSICIAN, clock.nowMicros());
        Joined joined = new Joined(code, member.id, member.resumeToken, state(), timeline,
                withSync ? null : document.save(), document.pattern());
        listener.joined(joined);
        broadcastState(member);
        return joined;
    }

    private Member resumable(String token) throws RoomException {
        for (Member m : members.values()) {
            if (m.resumeToken.equals(token) && m.presence != Presence.GONE) {
                return m;
            }
        }
        throw new RoomException("UNKNOWN_MEMBER", "that session has expired; join again");
    }

    /** The member left on purpose. */
    public synchronized void leave(String memberId) {
        Member member = members.get(memberId);
        if (member != null && member.presence != Presence.GONE) {
            goes(member, Presence.GONE);
            member.listener = null;
            leadership.left(member.id, member.sinceMicros);
            if (members.values().stream().allMatch(m -> m.presence == Presence.GONE)) {
                emptySinceMicros = member.sinceMicros;
            }
            broadcastState();
        }
    }

    /** The member's connection dropped: it may resume within the grace period. */
    public synchronized void disconnect(String memberId, RoomListener listener) {
        Member member = members.get(memberId);
        if (member != null && member.listener == listener && member.presence == Presence.CONNECTED) {
            goes(member, Presence.RECONNECTING);
            leadership.disconnected(memberId, member.sinceMicros);
            broadcastState();
        }
    }

    private void goes(Member member, Presence presence) {
        member.presence = presence;
        member.sinceMicros = clock.nowMicros();
        member.endSync();
    }

    /**
     * Ends grace periods that ran out (those members are gone), and drops members shown as gone for long enough.
     * Returns whether the room has been empty for longer than its idle limit.
     */
    public synchronized boolean expire() {
        long now = clock.nowMicros();
        members.values().stream()
                .filter(m -> m.presence == Presence.RECONNECTING && now - m.sinceMicros >= settings.reconnectGraceMicros())
                .toList()
                .forEach(m -> leave(m.id));
        List<Member> forgotten = members.values().stream()
                .filter(m -> m.presence == Presence.GONE && now - m.sinceMicros >= settings.goneShownMicros())
                .toList();
        forgotten.forEach(m -> members.remove(m.id));
        if (!forgotten.isEmpty() || leadership.expire(now).isPresent()) {
            broadcastState();
        }
        return members.values().stream().allMatch(m -> m.presence == Presence.GONE)
                && now - emptySinceMicros >= settings.idleRoomMicros();
    }

    public synchronized Pattern pattern() {
        checkOpenUnchecked();
        return document.pattern();
    }

    public synchronized Timeline timeline() {
        return timeline;
    }

    public synchronized RoomState state() {
        String leaderId = leadership.leader().orElse(null);
        List<MemberView> views = members.values().stream().map(m -> m.view(leaderId)).toList();
        int count = (int) members.values().stream().filter(m -> m.presence != Presence.GONE).count();
        return new RoomState(code, leaderId, views, count);
    }

    /** An edit made through the room service (a Vaadin view): applied, remembered for undo, sent to the others. */
    public synchronized Delta edit(String memberId, Edit edit) throws RoomException, PatternException {
        Member author = member(memberId);
        Delta delta = document.edit(edit);
        author.history.record(delta);
        forward(author, delta.changes());
        return delta;
    }

    /** Encoded changes sent by a client: applied, remembered for its undo, forwarded to the others. Returns the new heads. */
    public synchronized List<String> applyChanges(String memberId, byte[] changes) throws RoomException, PatternException {
        Member author = member(memberId);
        Delta delta = document.applyChanges(changes);
        author.history.record(delta);
        forward(author, delta.changes());
        return document.heads();
    }

    /** Reverts this member's last edit (never another member's); every member, the author too, receives the change. */
    public synchronized Pattern undo(String memberId) throws RoomException, PatternException {
        Member member = member(memberId);
        List<Edit> inverse = member.history.undo(document.pattern());
        if (inverse.isEmpty()) {
            throw new RoomException("NOTHING_TO_UNDO", "none of your edits is left to undo");
        }
        return applyToAll(inverse);
    }

    public synchronized Pattern redo(String memberId) throws RoomException, PatternException {
        Member member = member(memberId);
        List<Edit> again = member.history.redo(document.pattern());
        if (again.isEmpty()) {
            throw new RoomException("NOTHING_TO_REDO", "there is no undone edit to redo");
        }
        return applyToAll(again);
    }

    private Pattern applyToAll(List<Edit> edits) throws PatternException {
        ByteArrayOutputStream changes = new ByteArrayOutputStream();
        for (Edit e : edits) {
            changes.writeBytes(document.edit(e).changes());
        }
        byte[] bytes = changes.toByteArray();
        Pattern after = document.pattern();
        for (Member m : members.values()) {
            if (m.presence == Presence.CONNECTED) {
                m.listener.patternChanged(bytes, after);
            }
        }
        return after;
    }

    /** The next sync-protocol message for a member catching up, or empty when it has everything. */
    public synchronized Optional<byte[]> syncMessage(String memberId) throws RoomException {
        Member member = member(memberId);
        if (member.syncSession == null) {
            return Optional.empty();
        }
        return member.syncSession.nextMessage();
    }

    /**
     * A sync-protocol message from a member; what it brings (edits made while away) is forwarded to the others.
     * Returns the room's heads afterwards.
     */
    public synchronized List<String> receiveSync(String memberId, byte[] message) throws RoomException, PatternException {
        Member member = member(memberId);
        if (member.syncSession == null) {
            member.syncSession = document.startSync();
        }
        forward(member, member.syncSession.receive(message).changes());
        return document.heads();
    }

    /**
     * A member's clock quality: kept for the lead time at once, shown to the others at most once a
     * {@link RoomSettings#reportShownMicros()}, so a chatty or hostile client cannot flood every member's list.
     */
    public synchronized void report(String memberId, SyncReport report) throws RoomException {
        Member member = member(memberId);
        member.sync = report;
        long now = clock.nowMicros();
        if (now - member.reportShownMicros >= settings.reportShownMicros()) {
            member.reportShownMicros = now;
            broadcastState();
        }
    }

    /** Takes the lead when nobody has it. */
    public synchronized void claimLead(String memberId) throws RoomException, TransportException {
        member(memberId);
        announce(leadership.claim(memberId, clock.nowMicros()));
    }

    /** The leader passes the lead to another connected musician. */
    public synchronized void handLead(String memberId, String to) throws RoomException, TransportException {
        member(memberId);
        announce(leadership.handOver(memberId, to, clock.nowMicros()));
    }

    private void announce(Optional<LeaderChange> change) {
        change.ifPresent(c -> broadcastState());
    }

    /** A leader's change to the timeline: play, stop, tempo, swing, seek. Everyone, the leader too, receives the result. */
    public synchronized Timeline lead(String memberId, TimelineChange change) throws RoomException, TransportException {
        member(memberId);
        leadership.checkLeader(memberId);
        Timeline next = change.apply(timeline, clock.nowMicros(), leadMicros());
        if (!next.equals(timeline)) {
            timeline = next;
            for (Member m : members.values()) {
                if (m.presence == Presence.CONNECTED) {
                    m.listener.timelineChanged(next);
                }
            }
        }
        return next;
    }

    /** Long enough for the slowest connected member to hear of a change and prepare, from their sync reports. */
    private long leadMicros() {
        return LeadTime.forMembers(members.values().stream()
                .filter(m -> m.presence == Presence.CONNECTED && m.sync != null)
                .map(m -> new LeadTime.Link(m.sync.rttMicros(), m.sync.uncertaintyMicros()))
                .toList());
    }

    private void forward(Member author, byte[] changes) {
        if (changes.length == 0) {
            return;
        }
        Pattern after = document.pattern();
        for (Member m : members.values()) {
            if (m != author && m.presence == Presence.CONNECTED) {
                m.listener.patternChanged(changes, after);
            }
        }
    }

    private void broadcastState() {
        broadcastState(null);
    }

    private void broadcastState(Member except) {
        RoomState state = state();
        for (Member m : members.values()) {
            if (m != except && m.presence == Presence.CONNECTED) {
                m.listener.roomChanged(state);
            }
        }
    }

    private Member member(String memberId) throws RoomException {
        checkOpen();
        Member m = members.get(memberId);
        if (m == null || m.presence == Presence.GONE) {
            throw new RoomException("NOT_JOINED", "you are not a member of room " + code);
        }
        return m;
    }

    private static String validName(String name) throws RoomException {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME_LENGTH || n.chars().anyMatch(Character::isISOControl)) {
            throw new RoomException("BAD_NAME", "a display name is 1-" + MAX_NAME_LENGTH + " printable characters");
        }
        return n;
    }

    private String newToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private void checkOpen() throws RoomException {
        if (closed) {
            throw new RoomException("UNKNOWN_ROOM", "room " + code + " has closed");
        }
    }

    private void checkOpenUnchecked() {
        if (closed) {
            throw new IllegalStateException("room " + code + " has closed");
        }
    }

    /** Frees the document's native memory; the room refuses everything afterwards. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            members.values().forEach(Member::endSync);
            document.close();
        }
    }
}
