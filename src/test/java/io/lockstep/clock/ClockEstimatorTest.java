package io.lockstep.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ClockEstimatorTest {

    private static final long START = 1_750_000_000_000_000L;
    private static final long MINUTE = 60_000_000L;

    @Test
    void sampleFollowsNtpFormulas() {
        ClockSample sample = new ClockSample(1_000, 6_000, 6_100, 3_100);
        assertThat(sample.offsetMicros()).isEqualTo(((6_000 - 1_000) + (6_100 - 3_100)) / 2.0);
        assertThat(sample.delayMicros()).isEqualTo((3_100 - 1_000) - (6_100 - 6_000));
    }

    @Test
    void followsOffsetAndDriftExactlyOnASteadyLink() {
        Random random = new Random(1);
        for (int i = 0; i < 20; i++) {
            SimulatedNetwork network = new SimulatedNetwork(i, START, random.nextLong(-500_000, 500_001),
                    random.nextDouble(-100, 100), SimulatedNetwork.Delay.uniform(40_000, 0),
                    SimulatedNetwork.Delay.uniform(40_000, 0));
            SimulatedClient client = new SimulatedClient(network, START);
            long[] worst = {0};
            client.runUntil(START + 10 * MINUTE, true, t -> {
                if (t > START + 2_000_000) {
                    worst[0] = Math.max(worst[0], Math.abs(network.errorOf(client.estimator, t)));
                }
            });
            assertThat(worst[0]).as("client %d", i).isLessThan(100);
            assertThat(client.estimator.localTime(client.estimator.serverTime(START))).isBetween(START - 1, START + 1);
        }
    }

    @Test
    void delaySpikesDoNotMoveTheEstimate() {
        SimulatedNetwork network = new SimulatedNetwork(2, START, 250_000, 60, SimulatedNetwork.Delay.uniform(30_000, 0),
                SimulatedNetwork.Delay.uniform(30_000, 0).withSpikes(0.3, 400_000));
        SimulatedClient client = new SimulatedClient(network, START);
        long[] worst = {0};
        client.runUntil(START + 5 * MINUTE, true, t -> {
            if (t > START + 2_000_000) {
                worst[0] = Math.max(worst[0], Math.abs(network.errorOf(client.estimator, t)));
            }
        });
        assertThat(worst[0]).isLessThan(100);
    }

    @Test
    void asymmetricJitterStaysFarInsideTheJitter() {
        Random random = new Random(3);
        long[] errors = new long[30];
        for (int i = 0; i < errors.length; i++) {
            SimulatedNetwork network = new SimulatedNetwork(i, START, random.nextLong(-500_000, 500_001),
                    random.nextDouble(-100, 100), SimulatedNetwork.Delay.uniform(40_000, 20_000),
                    SimulatedNetwork.Delay.queueing(40_000, 20_000));
            SimulatedClient client = new SimulatedClient(network, START);
            client.runUntil(START + 10 * MINUTE, true);
            errors[i] = Math.abs(network.errorOf(client.estimator, client.now()));
        }
        Arrays.sort(errors);
        // A single sample may be off by up to 20 ms here; the median client must do twenty times better.
        assertThat(errors[errors.length / 2]).isLessThan(1_000);
    }

    @Test
    void aQuarterHourOfIdlePingsPinsDriftAndOffset() {
        Random random = new Random(6);
        double[] driftErrors = new double[10];
        long[] offsetErrors = new long[driftErrors.length];
        for (int i = 0; i < driftErrors.length; i++) {
            double drift = random.nextDouble(-100, 100);
            SimulatedNetwork network = new SimulatedNetwork(i, START, random.nextLong(-500_000, 500_001), drift,
                    SimulatedNetwork.Delay.uniform(40_000, 20_000), SimulatedNetwork.Delay.queueing(40_000, 20_000));
            SimulatedClient client = new SimulatedClient(network, START);
            client.runUntil(START + 15 * MINUTE, false);
            // A clock running d ppm fast makes the offset fall by d / (1 + d) ppm of local time.
            double fitted = client.estimator.quality(network.localAt(client.now())).driftPpm();
            driftErrors[i] = Math.abs(fitted - drift / (1 + drift * 1e-6));
            offsetErrors[i] = Math.abs(network.errorOf(client.estimator, client.now()));
        }
        Arrays.sort(driftErrors);
        Arrays.sort(offsetErrors);
        assertThat(driftErrors[driftErrors.length - 1]).as("worst drift error, ppm").isLessThan(0.3);
        assertThat(offsetErrors[offsetErrors.length / 2]).as("median offset error, µs").isLessThan(50);
    }

    @Test
    void clockStepRestartsTheWindowAndResyncs() {
        SimulatedNetwork network = new SimulatedNetwork(4, START, -120_000, -80, SimulatedNetwork.Delay.uniform(20_000, 0),
                SimulatedNetwork.Delay.uniform(20_000, 0));
        SimulatedClient client = new SimulatedClient(network, START);
        client.runUntil(START + 5 * MINUTE, true);
        int before = client.pings.size();
        network.step(2_000_000);
        client.runUntil(START + 5 * MINUTE + 32_000_000, true);
        assertThat(client.pings.size() - before).as("a burst after the step").isGreaterThanOrEqualTo(SyncPolicy.BURST_PINGS);
        assertThat(client.estimator.quality(network.localAt(client.now())).samples()).isLessThan(SyncPolicy.BURST_PINGS + 3);
        assertThat(Math.abs(network.errorOf(client.estimator, client.now()))).isLessThan(1_000);
    }

    @Test
    void unusableUntilEnoughSamples() {
        ClockEstimator estimator = new ClockEstimator();
        assertThat(estimator.quality(0).usable()).isFalse();
        SimulatedNetwork network = new SimulatedNetwork(5, START, 0, 0, SimulatedNetwork.Delay.uniform(10_000, 0),
                SimulatedNetwork.Delay.uniform(10_000, 0));
        for (int i = 0; i < ClockEstimator.MIN_USABLE; i++) {
            assertThat(estimator.quality(0).usable()).isFalse();
            estimator.add(network.ping(START + i * 100_000L).sample());
        }
        assertThat(estimator.quality(network.localAt(START + 1_000_000)).usable()).isTrue();
    }
}
