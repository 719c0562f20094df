package io.lockstep.clock;

import java.util.Arrays;
import java.util.Random;
import java.util.function.LongFunction;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Offset error against jitter, and the ping budget, on simulated time: clients with offsets of ±500 ms and drift
 * of ±100 ppm follow {@link SyncPolicy} through 10 minutes of playback behind a link of 40 ms ± jitter each way,
 * with a different jitter shape each way. Run with
 * {@code mvn test -Dtest='ClockBenchmark' -Dgroups=benchmark -Dlockstep.excluded.groups=none}.
 */
@Tag("benchmark")
class ClockBenchmark {

    private static final int CLIENTS = 40;
    private static final long START = 1_750_000_000_000_000L;
    private static final long MINUTE = 60_000_000L;
    private static final long BASE = 40_000L;

    @Test
    void offsetErrorAgainstJitter() {
        System.out.println("| link (each way) | up / down shape | p50 1st min | p99 1st min | p50 min 1-10 | p99 min 1-10 | max |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (long jitter : new long[] {0, 5_000, 20_000, 40_000}) {
            long j = Math.min(jitter, BASE - 1_000);
            report(jitter, "uniform / bell", r -> SimulatedNetwork.Delay.uniform(BASE, j),
                    r -> SimulatedNetwork.Delay.bell(BASE, j));
            report(jitter, "uniform / queueing", r -> SimulatedNetwork.Delay.uniform(BASE, j),
                    r -> SimulatedNetwork.Delay.queueing(BASE, j));
            report(jitter, "queueing / queueing+5% 300ms spikes", r -> SimulatedNetwork.Delay.queueing(BASE, j),
                    r -> SimulatedNetwork.Delay.queueing(BASE, j).withSpikes(0.05, 300_000));
        }
    }

    private void report(long jitter, String shape, LongFunction<SimulatedNetwork.Delay> up,
                        LongFunction<SimulatedNetwork.Delay> down) {
        long[] first = new long[CLIENTS * (int) (MINUTE / SimulatedClient.TICK_MICROS)];
        long[] later = new long[CLIENTS * (int) (9 * MINUTE / SimulatedClient.TICK_MICROS)];
        int[] counts = new int[2];
        Random random = new Random(jitter);
        for (int c = 0; c < CLIENTS; c++) {
            SimulatedNetwork network = new SimulatedNetwork(random.nextLong(), START,
                    random.nextLong(-500_000, 500_001), random.nextDouble(-100, 100), up.apply(0), down.apply(0));
            SimulatedClient client = new SimulatedClient(network, START);
            client.runUntil(START + 1_000_000, false);
            client.runUntil(START + 10 * MINUTE, true, t -> {
                long error = Math.abs(network.errorOf(client.estimator, t));
                if (t <= START + MINUTE) {
                    first[counts[0]++] = error;
                } else {
                    later[counts[1]++] = error;
                }
            });
        }
        long[] a = Arrays.copyOf(first, counts[0]);
        long[] b = Arrays.copyOf(later, counts[1]);
        Arrays.sort(a);
        Arrays.sort(b);
        System.out.printf("| 40 ms ± %d ms | %s | %s | %s | %s | %s | %s |%n", jitter / 1000, shape, ms(a, 0.5), ms(a, 0.99),
                ms(b, 0.5), ms(b, 0.99), ms(b, 1.0));
    }

    @Test
    void pingsPerMinuteDuringPlayback() {
        Random random = new Random(7);
        int worst = 0;
        int total = 0;
        for (int c = 0; c < CLIENTS; c++) {
            SimulatedNetwork network = new SimulatedNetwork(random.nextLong(), START, random.nextLong(-500_000, 500_001),
                    random.nextDouble(-100, 100), SimulatedNetwork.Delay.uniform(BASE, 20_000),
                    SimulatedNetwork.Delay.bell(BASE, 20_000));
            SimulatedClient client = new SimulatedClient(network, START);
            client.runUntil(START + 10 * MINUTE, true);
            int[] perMinute = new int[10];
            client.pings.stream().filter(t -> t >= START + 1_000_000)
                    .forEach(t -> perMinute[(int) ((t - START) / MINUTE)]++);
            worst = Math.max(worst, Arrays.stream(perMinute).max().orElseThrow());
            total += client.pings.size();
        }
        System.out.printf("pings per client during 10 min playback: %.1f in all (burst included), at most %d in any minute after the first second%n",
                (double) total / CLIENTS, worst);
    }

    private static String ms(long[] sorted, double quantile) {
        long v = sorted[Math.min(sorted.length - 1, (int) (quantile * sorted.length))];
        return String.format("%.3f ms", v / 1000.0);
    }
}
