package io.lockstep.clock;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Offset error against jitter, and the ping budget, on simulated time: 100 clients per row, with offsets of ±500 ms and drift of
 * ±100 ppm connect, follow {@link SyncPolicy} idle for a while (or not at all: a late joiner), then play for 10
 * minutes behind a link of 40 ms ± jitter each way, with its own jitter shape each way. The error is sampled every
 * 10 ms of true time, at the moments a client turns server times into local ones. Run with
 * {@code mvn test -Dtest='ClockBenchmark' -Dgroups=benchmark -Dlockstep.excluded.groups=none}.
 */
@Tag("benchmark")
class ClockBenchmark {

    private static final int CLIENTS = 100;
    private static final long START = 1_750_000_000_000_000L;
    private static final long MINUTE = 60_000_000L;
    private static final long BASE = 40_000L;
    private static final long PLAYING = 10 * MINUTE;

    /** One way of being connected: each direction's delay, and how much the client's frequency wanders. */
    record Link(String shape, long jitter, SimulatedNetwork.Delay up, SimulatedNetwork.Delay down, double wanderPpm) {
        static Link of(String shape, long jitter, double wanderPpm) {
            long j = Math.min(jitter, BASE - 1_000);
            SimulatedNetwork.Delay uniform = SimulatedNetwork.Delay.uniform(BASE, j);
            SimulatedNetwork.Delay bell = SimulatedNetwork.Delay.bell(BASE, j);
            SimulatedNetwork.Delay queueing = SimulatedNetwork.Delay.queueing(BASE, j);
            return switch (shape) {
                case "uniform / uniform" -> new Link(shape, jitter, uniform, uniform, wanderPpm);
                case "uniform / bell" -> new Link(shape, jitter, uniform, bell, wanderPpm);
                case "uniform / queueing" -> new Link(shape, jitter, uniform, queueing, wanderPpm);
                case "queueing / queueing" -> new Link(shape, jitter, queueing, queueing, wanderPpm);
                case "queueing / queueing + 5% 300 ms spikes" -> new Link(shape, jitter, queueing, queueing.withSpikes(0.05, 300_000), wanderPpm);
                default -> throw new IllegalArgumentException(shape);
            };
        }
    }

    private static final List<String> SHAPES = List.of("uniform / uniform", "uniform / bell", "uniform / queueing",
            "queueing / queueing", "queueing / queueing + 5% 300 ms spikes");

    @Test
    void offsetErrorAgainstJitter() {
        System.out.println("| link (each way) | up / down shape | frequency wander | idle before play | p50 1st min | p99 1st min | p50 playing | p99 playing | max playing |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (long idle : new long[] {0, 5 * MINUTE, 15 * MINUTE}) {
            for (String shape : SHAPES) {
                report(Link.of(shape, 20_000, 0), idle);
            }
        }
        for (long jitter : new long[] {0, 5_000, 40_000}) {
            report(Link.of("uniform / bell", jitter, 0), 5 * MINUTE);
        }
        for (double wander : new double[] {0.01, 0.04}) {
            report(Link.of("uniform / queueing", 20_000, wander), 15 * MINUTE);
        }
    }

    private void report(Link link, long idle) {
        long playFrom = START + idle;
        long end = playFrom + PLAYING;
        long[] first = new long[CLIENTS * (int) (MINUTE / SimulatedClient.TICK_MICROS)];
        long[] playing = new long[CLIENTS * (int) (PLAYING / SimulatedClient.TICK_MICROS)];
        int[] counts = new int[2];
        Random random = new Random(link.jitter() + idle);
        for (int c = 0; c < CLIENTS; c++) {
            SimulatedNetwork network = new SimulatedNetwork(random.nextLong(), START, random.nextLong(-500_000, 500_001),
                    random.nextDouble(-100, 100), link.up(), link.down()).wander(link.wanderPpm());
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
                    playing[counts[1]++] = error;
                }
            });
        }
        long[] a = Arrays.copyOf(first, counts[0]);
        long[] b = Arrays.copyOf(playing, counts[1]);
        Arrays.sort(a);
        Arrays.sort(b);
        System.out.printf("| 40 ms ± %d ms | %s | %s | %s | %s | %s | %s | %s | %s |%n", link.jitter() / 1000, link.shape(),
                link.wanderPpm() == 0 ? "none" : String.format("%.2f ppm/√s", link.wanderPpm()),
                idle == 0 ? "none (late joiner)" : idle / MINUTE + " min", ms(a, 0.5), ms(a, 0.99), ms(b, 0.5), ms(b, 0.99), ms(b, 1.0));
    }

    @Test
    void pingsPerMinuteDuringPlayback() {
        Random random = new Random(7);
        int worst = 0;
        long total = 0;
        long minutes = 0;
        for (int c = 0; c < CLIENTS; c++) {
            SimulatedNetwork network = new SimulatedNetwork(random.nextLong(), START, random.nextLong(-500_000, 500_001),
                    random.nextDouble(-100, 100), SimulatedNetwork.Delay.uniform(BASE, 20_000),
                    SimulatedNetwork.Delay.bell(BASE, 20_000));
            SimulatedClient client = new SimulatedClient(network, START);
            long playFrom = START + c % 4 * MINUTE / 2;
            client.runUntil(playFrom, false);
            client.runUntil(playFrom + PLAYING, true);
            // Playback after the first sync: from whichever comes later, the start of play or the end of the first sync.
            long from = Math.max(playFrom, START + SyncPolicy.FIRST_SYNC_MICROS + SyncPolicy.FIRST_SYNC_GAP_MICROS);
            List<Long> playing = client.pings.stream().filter(t -> t >= from).toList();
            for (long at : playing) {
                worst = Math.max(worst, (int) playing.stream().filter(t -> t >= at && t < at + MINUTE).count());
            }
            total += playing.size();
            minutes += playFrom + PLAYING - from;
        }
        System.out.printf("pings per client per minute during playback after the first sync: %.2f on average, at most %d in any 60 s%n",
                (double) total * MINUTE / minutes, worst);
    }

    private static String ms(long[] sorted, double quantile) {
        long v = sorted[Math.min(sorted.length - 1, (int) (quantile * sorted.length))];
        return String.format("%.3f ms", v / 1000.0);
    }
}
