package io.lockstep.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class LeadershipTest {

    private static final long T = 1_750_000_000_000_000L;
    private final Leadership room = new Leadership();

    @Test
    void firstMusicianLeadsAndOnlyTheLeaderPasses() throws TransportException {
        assertThat(room.joined("engine", false, T)).isEmpty();
        assertThat(room.joined("ann", true, T + 1)).contains(new LeaderChange(Optional.of("ann")));
        assertThat(room.joined("bob", true, T + 2)).isEmpty();
        room.checkLeader("ann");
        assertThatThrownBy(() -> room.checkLeader("bob")).extracting("code").isEqualTo("NOT_LEADER");
        assertThatThrownBy(() -> room.claim("bob", T + 3)).extracting("code").isEqualTo("LEADER_PRESENT");
    }

    @Test
    void handOverOnlyFromTheLeaderToAConnectedMusician() throws TransportException {
        room.joined("ann", true, T);
        room.joined("bob", true, T);
        room.joined("engine", false, T);
        assertThatThrownBy(() -> room.handOver("bob", "ann", T)).extracting("code").isEqualTo("NOT_LEADER");
        assertThatThrownBy(() -> room.handOver("ann", "engine", T)).extracting("code").isEqualTo("NOT_ELIGIBLE");
        assertThat(room.handOver("ann", "bob", T)).contains(new LeaderChange(Optional.of("bob")));
        room.checkLeader("bob");
    }

    @Test
    void reconnectWithinGraceKeepsTheLead() {
        room.joined("ann", true, T);
        room.joined("bob", true, T + 1);
        assertThat(room.disconnected("ann", T + 10)).isEmpty();
        assertThat(room.graceEndsAt()).contains(T + 10 + Leadership.GRACE_MICROS);
        assertThat(room.joined("ann", true, T + 10 + Leadership.GRACE_MICROS - 1)).isEmpty();
        assertThat(room.expire(T + 100 * Leadership.GRACE_MICROS)).isEmpty();
        assertThat(room.leader()).contains("ann");
    }

    @Test
    void afterGraceTheEarliestJoinedConnectedMusicianLeads() {
        room.joined("ann", true, T);
        room.joined("engine", false, T + 1);
        room.joined("bob", true, T + 2);
        room.joined("cat", true, T + 3);
        room.disconnected("bob", T + 4);
        room.disconnected("ann", T + 5);
        assertThat(room.expire(T + 5 + Leadership.GRACE_MICROS - 1)).isEmpty();
        assertThat(room.expire(T + 5 + Leadership.GRACE_MICROS)).contains(new LeaderChange(Optional.of("cat")));
    }

    @Test
    void withNobodyEligibleNobodyLeadsUntilSomeoneClaimsOrJoins() throws TransportException {
        room.joined("ann", true, T);
        room.joined("engine", false, T);
        room.disconnected("ann", T);
        assertThat(room.expire(T + Leadership.GRACE_MICROS)).contains(new LeaderChange(Optional.empty()));
        assertThatThrownBy(() -> room.claim("engine", T + Leadership.GRACE_MICROS)).extracting("code").isEqualTo("NOT_ELIGIBLE");
        assertThat(room.joined("bob", true, T + Leadership.GRACE_MICROS + 1)).contains(new LeaderChange(Optional.of("bob")));
    }
}
