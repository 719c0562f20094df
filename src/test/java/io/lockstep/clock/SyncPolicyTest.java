package io.lockstep.clock;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import org.junit.jupiter.api.Test;

class SyncPolicyTest {

    private static final long START = 1_750_000_000_000_000L;

    @Property(tries = 30)
    void playbackCostsAtMostTwoPingsAMinuteAfterTheFirstSync(@ForAll @LongRange(min = -500_000, max = 500_000) long offset) {
        SimulatedNetwork network = new SimulatedNetwork(offset, START, offset, 50, SimulatedNetwork.Delay.uniform(40_000, 20_000),
                SimulatedNetwork.Delay.bell(40_000, 20_000));
        SimulatedClient client = new SimulatedClient(network, START);
        client.runUntil(START + 10 * 60_000_000L, true);
        assertThat(client.pings.stream().filter(t -> t < START + 1_000_000).count()).isEqualTo(SyncPolicy.BURST_PINGS);
        List<Long> later = client.pings.stream().filter(t -> t >= START + 1_000_000).toList();
        for (long from : later) {
            assertThat(later.stream().filter(t -> t >= from && t < from + 60_000_000L).count()).isLessThanOrEqualTo(2);
        }
    }

    @Property(tries = 50)
    void limiterNeverRejectsAClientThatFollowsThePolicy(
            @ForAll @Size(max = 40) List<@LongRange(min = 0, max = 30_000_000) Long> resumeGaps) {
        SyncPolicy policy = new SyncPolicy();
        PingLimiter limiter = new PingLimiter();
        long now = START;
        policy.connected(now);
        for (long gap : resumeGaps) {
            long resumeAt = now + gap;
            while (policy.nextPingAt(false) <= resumeAt) {
                now = Math.max(now, policy.nextPingAt(false));
                policy.pinged(now);
                assertThat(limiter.tryPing(now)).isTrue();
            }
            now = resumeAt;
            policy.resumed(now);
        }
    }

    @Test
    void limiterRejectsAFlood() {
        PingLimiter limiter = new PingLimiter();
        int accepted = 0;
        for (int i = 0; i < 1_000; i++) {
            accepted += limiter.tryPing(START + i * 1_000L) ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(PingLimiter.CAPACITY);
        assertThat(limiter.tryPing(START + 2_000_000)).isTrue();
    }
}
