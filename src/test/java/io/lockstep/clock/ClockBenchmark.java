package io.lockstep.clock;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("benchmark")
class ClockBenchmark {

    private static final int CLIENTS = 40;
    private static final long START = 1_750_000_000_000_000L;
    private static final long MINUTE = 60_000_000L;
    private static final long BASE = 40_000L;

    @Test
    void offsetErrorAgainstJitter() {
        System.out.println("| link (each way) | up / down shape | idle before play | p50 1st min | p99 1st min | p50 playing | p99 playing | max playing |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        long j = 20_000;
        for (long idle : new long[] {0, 5 * MINUTE, 15 * MINUTE}) {
            report(j, idle, "uniform / uniform", SimulatedNetwork.Delay.uniform(BASE, j), SimulatedNetwork.Delay.uniform(BASE, j));
            report(j, idle, "uniform / bell", SimulatedNetwork.Delay.uniform(BASE, j), SimulatedNetwork.Delay.bell(BASE, j));
            report(j, idle, "uniform / queueing", SimulatedNetwork.Delay.uniform(BASE, j), SimulatedNetwork.Delay.queueing(BASE, j));
            report(j, idle, "queueing / queueing", SimulatedNetwork.Delay.queueing(BASE, j), SimulatedNetwork.Delay.queueing(BASE, j));
        }
    }

    private void report(long jitter, long idle, String shape, SimulatedNetwork.Delay up, SimulatedNetwork.Delay down) {
        long playFrom = START + idle;
        long end = playFrom + 10 * MINUTE;
        long[] first = new long[CLIENTS * (int) (MINUTE / SimulatedClient.TICK_MICROS)];
        long[] later = new long[CLIENTS * (int) ((end - START) / SimulatedClient.TICK_MICROS)];
        int[] counts = new int[2];
        Random random = new Random(jitter);
        for (int c = 0; c < CLIENTS; c++) {
            SimulatedNetwork network = new SimulatedNetwork(random.nextLong(), START,
                    random.nextLong(-500_000, 500_001), random.nextDouble(-100, 100), up, down);
            SimulatedClient client = new SimulatedClient(network, START);
            client.runUntil(playFrom, false, t -> {
                if (t <= START + MINUTE) {
                    first[counts[0]++] = Math.abs(network.errorOf(client.estimator, t));
                }
            });
            client.runUntil(end, true, t -> {
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
        System.out.printf("| 40 ms ± %d ms | %s | %d s | %s | %s | %s | %s | %s |%n", jitter / 1000, shape, idle / 1_000_000,
                ms(a, 0.5), ms(a, 0.99), ms(b, 0.5), ms(b, 0.99), ms(b, 1.0));
    }

    private static String ms(long[] sorted, double quantile) {
        long v = sorted[Math.min(sorted.length - 1, (int) (quantile * sorted.length))];
        return String.format("%.3f ms", v / 1000.0);
    }
}
