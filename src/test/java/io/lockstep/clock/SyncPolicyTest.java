package io.lockstep.clock;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SyncPolicyTest {

    private static final long START = 1_750_000_000_000_000L;

    @Property(tries = 30)
    void playbackCostsAtMostTwoPingsAMinuteAfterTheFirstSync(@ForAll @LongRange(min = -500_000, max = 500_000) long offset,
                                                             @ForAll @LongRange(min = 0, max = 300) long idleSeconds) {
        SimulatedNetwork network = new SimulatedNetwork(offset, START, offset, 50, SimulatedNetwork.Delay.uniform(40_000, 20_000),
                SimulatedNetwork.Delay.bell(40_000, 20_000));
        SimulatedClient client = new SimulatedClient(network, START);
        long playFrom = START + idleSeconds * 1_000_000L;
        client.runUntil(playFrom, false);
        client.runUntil(playFrom + 10 * 60_000_000L, true);
        // The local clock runs 50 ppm fast: the first sync ends a little earlier in true time than in local time.
        long firstSyncEnds = START + SyncPolicy.FIRST_SYNC_MICROS;
        assertThat(client.pings.stream().filter(t -> t < START + 1_000_000).count()).as("a burst at connect")
                .isGreaterThanOrEqualTo(SyncPolicy.BURST_PINGS);
        assertThat(client.pings.stream().filter(t -> t < firstSyncEnds).count()).as("the first sync")
                .isGreaterThanOrEqualTo(SyncPolicy.FIRST_SYNC_MICROS / SyncPolicy.FIRST_SYNC_GAP_MICROS);
        List<Long> playing = client.pings.stream().filter(t -> t >= Math.max(playFrom, firstSyncEnds)).toList();
        for (long from : playing) {
            assertThat(playing.stream().filter(t -> t >= from && t < from + 60_000_000L).count()).isLessThanOrEqualTo(2);
        }
    }

    @Property(tries = 50)
    void limiterNeverRejectsAClientThatFollowsThePolicy(
            @ForAll @Size(max = 40) List<@LongRange(min = 0, max = 30_000_000) Long> resumeGaps,
            @ForAll boolean playing, @ForAll long seed) {
        SyncPolicy policy = new SyncPolicy();
        PingLimiter limiter = new PingLimiter();
        // Pings reach the server 20 to 60 ms after they leave, so some arrive closer together than they were sent.
        Random network = new Random(seed);
        long now = START;
        long arrived = START;
        policy.connected(now);
        for (long gap : resumeGaps) {
            long resumeAt = now + gap;
            while (policy.nextPingAt(playing) <= resumeAt) {
                now = Math.max(now, policy.nextPingAt(playing));
                policy.pinged(now);
                arrived = Math.max(arrived, now + network.nextLong(20_000, 60_000));
                assertThat(limiter.tryPing(arrived)).isTrue();
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
        // A thousand pings within a second: the bucket, plus what one second refills.
        assertThat(accepted).isBetween(PingLimiter.CAPACITY, PingLimiter.CAPACITY + PingLimiter.PER_SECOND);
        assertThat(limiter.tryPing(START + 2_000_000)).isTrue();
    }
}
