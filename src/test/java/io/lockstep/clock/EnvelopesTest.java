package io.lockstep.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class EnvelopesTest {

    private static final long START = 1_750_000_000_000_000L;
    private static final double LIMIT = ClockEstimator.MAX_DRIFT;

    /** Samples of a clock off by up to a second and drifting up to 200 ppm, with up to 50 ms of jitter each way. */
    private static List<ClockSample> samples(long seed, int count) {
        Random random = new Random(seed);
        long offset = random.nextLong(-1_000_000, 1_000_000);
        double drift = random.nextDouble(-200e-6, 200e-6);
        List<ClockSample> samples = new ArrayList<>();
        long t1 = START;
        for (int i = 0; i < count; i++) {
            t1 += random.nextLong(1, 2_000_000);
            long t2 = t1 + offset + Math.round(drift * (t1 - START)) + 10_000 + random.nextLong(50_000);
            long t3 = t2 + 40;
            long t4 = t3 - offset - Math.round(drift * (t3 - START)) + 10_000 + random.nextLong(50_000);
            samples.add(new ClockSample(t1, t2, t3, Math.max(t4, t1)));
        }
        return samples;
    }

    @Property(tries = 200)
    void theHullsGiveTheSameEnvelopeAsEveryPoint(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int count) {
        List<ClockSample> samples = samples(seed, count);
        Envelopes envelopes = Envelopes.of(samples, START);
        Random random = new Random(seed);
        for (int i = 0; i < 20; i++) {
            double slope = random.nextDouble(-LIMIT, LIMIT);
            double lowest = samples.stream().mapToDouble(s -> (s.t2() - s.t1()) - slope * (s.t1() - START)).min().orElseThrow();
            double highest = samples.stream().mapToDouble(s -> (s.t3() - s.t4()) - slope * (s.t4() - START)).max().orElseThrow();
            assertThat(envelopes.lowestRequest(slope)).isCloseTo(lowest, offset(1e-6));
            assertThat(envelopes.highestReply(slope)).isCloseTo(highest, offset(1e-6));
        }
    }

    @Property(tries = 200)
    void theWidestBandSlopeLeavesTheWidestBand(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int count) {
        Envelopes envelopes = Envelopes.of(samples(seed, count), START);
        double widest = envelopes.widestBandSlope(LIMIT);
        assertThat(widest).isBetween(-LIMIT, LIMIT);
        double best = envelopes.halfBand(widest);
        for (int i = 0; i <= 1_000; i++) {
            double slope = -LIMIT + 2 * LIMIT * i / 1_000;
            assertThat(envelopes.halfBand(slope)).isLessThanOrEqualTo(best + 1e-6);
        }
    }

    @Property(tries = 100)
    void excessesSumEveryPointsDistanceFromItsEnvelope(@ForAll long seed, @ForAll @IntRange(min = 1, max = 100) int count) {
        List<ClockSample> samples = samples(seed, count);
        Envelopes envelopes = Envelopes.of(samples, START);
        double slope = new Random(seed).nextDouble(-LIMIT, LIMIT);
        double lowest = envelopes.lowestRequest(slope);
        double highest = envelopes.highestReply(slope);
        double requests = samples.stream().mapToDouble(s -> (s.t2() - s.t1()) - slope * (s.t1() - START) - lowest).sum();
        double replies = samples.stream().mapToDouble(s -> highest - ((s.t3() - s.t4()) - slope * (s.t4() - START))).sum();
        assertThat(envelopes.requestExcess(slope)).isCloseTo(requests, offset(1e-3));
        assertThat(envelopes.replyExcess(slope)).isCloseTo(replies, offset(1e-3));
    }
}
