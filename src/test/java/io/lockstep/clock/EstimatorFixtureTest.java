package io.lockstep.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recorded samples and the estimate after each one, for the browser mirror: {@code src/test/node/clock.test.mjs}
 * feeds the same samples to frontend/lockstep-clock.js and expects the same lines. This test keeps the recording
 * honest: the Java estimator must still produce it. After a deliberate change to the algorithm, rewrite it with
 * {@code -Dlockstep.clock.fixture=write} (and make the mirror follow).
 */
class EstimatorFixtureTest {

    static final Path FIXTURE = Path.of("src/test/resources/clock/estimator-fixture.json");
    private static final long START = 1_750_000_000_000_000L;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One recorded run: the samples in arrival order and, after each, the line and quality (reference, offset, slope, spread, samples). */
    record Scenario(String name, List<long[]> samples, List<double[]> after) {
    }

    @Test
    void theRecordingIsWhatTheEstimatorComputes() throws IOException {
        List<Scenario> scenarios = List.of(
                record("uniform / bell 40 ± 20 ms, +300 ms, +80 ppm, 2 min idle", new SimulatedNetwork(11, START, 300_000, 80,
                        SimulatedNetwork.Delay.uniform(40_000, 20_000), SimulatedNetwork.Delay.bell(40_000, 20_000)), 0),
                record("steady 30 ms with 30% 400 ms spikes back, -250 ms, -60 ppm", new SimulatedNetwork(12, START, -250_000, -60,
                        SimulatedNetwork.Delay.uniform(30_000, 0), SimulatedNetwork.Delay.uniform(30_000, 0).withSpikes(0.3, 400_000)), 0),
                record("queueing 20 ± 10 ms, clock steps 2 s after a minute", new SimulatedNetwork(13, START, 40_000, -20,
                        SimulatedNetwork.Delay.queueing(20_000, 10_000), SimulatedNetwork.Delay.queueing(20_000, 10_000)), 2_000_000));
        String recorded = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("scenarios", scenarios));
        if ("write".equals(System.getProperty("lockstep.clock.fixture"))) {
            Files.createDirectories(FIXTURE.getParent());
            Files.writeString(FIXTURE, recorded);
        }
        assertThat(JSON.readTree(Files.readString(FIXTURE))).isEqualTo(JSON.readTree(recorded));
    }

    private static Scenario record(String name, SimulatedNetwork network, long stepAfterAMinute) {
        ClockEstimator estimator = new ClockEstimator();
        List<long[]> samples = new ArrayList<>();
        List<double[]> after = new ArrayList<>();
        SimulatedClient client = new SimulatedClient(network, START);
        client.runUntil(START + 60_000_000L, false);
        network.step(stepAfterAMinute);
        client.runUntil(START + 120_000_000L, false);
        for (ClockSample s : client.samples) {
            estimator.add(s);
            OffsetLine line = estimator.line();
            ClockQuality quality = estimator.quality(s.t4());
            samples.add(new long[] {s.t1(), s.t2(), s.t3(), s.t4()});
            after.add(new double[] {line.reference(), line.offset(), line.slope(), quality.spreadMicros(), quality.samples()});
        }
        return new Scenario(name, samples, after);
    }
}
