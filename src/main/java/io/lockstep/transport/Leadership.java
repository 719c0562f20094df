package io.lockstep.transport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who leads a room. A musician joining a room without a leader leads it (so the first one of a new room does); a
 * member may claim an empty lead; the leader may hand over to another connected musician. A leader who drops
 * keeps the lead for {@value #GRACE_MICROS} µs, to survive a reconnect; after that it passes to the connected
 * musician who joined earliest, or to nobody. Engine members never lead. Every method that can change the leader
 * returns the change, for the room to announce. Time is passed in, as server microseconds.
 */
public final class Leadership {

    static final long GRACE_MICROS = 10_000_000L;

    private record Member(boolean musician, boolean connected) {
    }

    /** Members in the order they first joined. */
    private final Map<String, Member> members = new LinkedHashMap<>();
    private String leader;
    private long leaderLostAt;

    public Optional<String> leader() {
        return Optional.ofNullable(leader);
    }

    /** When a dropped leader's grace ends and {@link #expire} should be called; empty when nothing is pending. */
    public Optional<Long> graceEndsAt() {
        return leader != null && !members.get(leader).connected() ? Optional.of(leaderLostAt + GRACE_MICROS) : Optional.empty();
    }

    /** A member (re)connected. */
    public Optional<LeaderChange> joined(String member, boolean musician, long nowMicros) {
        Optional<LeaderChange> expired = expire(nowMicros);
        members.put(member, new Member(musician, true));
        if (leader == null && musician) {
            return changeTo(member);
        }
        return expired;
    }

    public Optional<LeaderChange> disconnected(String member, long nowMicros) {
        Member was = members.get(member);
        if (was != null) {
            members.put(member, new Member(was.musician(), false));
            if (member.equals(leader)) {
                leaderLostAt = nowMicros;
            }
        }
        return expire(nowMicros);
    }

    /** A member left for good: a leader who leaves passes the lead on at once, without a grace period. */
    public Optional<LeaderChange> left(String member, long nowMicros) {
        members.remove(member);
        return member.equals(leader) ? changeTo(firstConnectedMusician()) : expire(nowMicros);
    }

    public Optional<LeaderChange> claim(String member, long nowMicros) throws TransportException {
        expire(nowMicros);
        if (leader != null) {
            throw new TransportException("LEADER_PRESENT", leader + " leads this room");
        }
        checkEligible(member);
        return changeTo(member);
    }

    public Optional<LeaderChange> handOver(String from, String to, long nowMicros) throws TransportException {
        expire(nowMicros);
        checkLeader(from);
        checkEligible(to);
        return to.equals(from) ? Optional.empty() : changeTo(to);
    }

    /** Passes for the leader only; everyone else gets NOT_LEADER. */
    public void checkLeader(String member) throws TransportException {
        if (leader == null || !leader.equals(member)) {
            throw new TransportException("NOT_LEADER", member + " does not lead this room");
        }
    }

    /** Ends a dropped leader's grace once it is over. */
    public Optional<LeaderChange> expire(long nowMicros) {
        if (graceEndsAt().filter(end -> nowMicros >= end).isEmpty()) {
            return Optional.empty();
        }
        return changeTo(firstConnectedMusician());
    }

    private String firstConnectedMusician() {
        return members.entrySet().stream().filter(e -> e.getValue().musician() && e.getValue().connected())
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private void checkEligible(String member) throws TransportException {
        Member candidate = members.get(member);
        if (candidate == null || !candidate.connected() || !candidate.musician()) {
            throw new TransportException("NOT_ELIGIBLE", member + " is not a connected musician");
        }
    }

    private Optional<LeaderChange> changeTo(String member) {
        leader = member;
        return Optional.of(new LeaderChange(Optional.ofNullable(member)));
    }
}
