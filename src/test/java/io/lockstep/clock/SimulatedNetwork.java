package io.lockstep.clock;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A client and the server on simulated time. The server's clock is true time; the client's runs off by an offset
 * and a drift and may step. Each leg of a ping draws its own one-way delay, so jitter can differ each way.
 */
final class SimulatedNetwork {

    /** A one-way delay distribution, in microseconds. */
    interface Delay {
        long next(Random random);

        /** Evenly spread over base ± jitter (what {@code tc netem delay 40ms 20ms} does). */
        static Delay uniform(long base, long jitter) {
            return r -> base - jitter + (long) (r.nextDouble() * 2 * jitter);
        }

        /** Bell-shaped around base (sigma = jitter / 2), cut at base ± jitter: few packets near the floor. */
        static Delay bell(long base, long jitter) {
            return r -> {
                double x;
                do {
                    x = r.nextGaussian() / 2;
                } while (Math.abs(x) > 1);
                return base + (long) (x * jitter);
            };
        }

        /** Most packets near base - jitter, an exponential tail up to base + jitter: a typical queueing link. */
        static Delay queueing(long base, long jitter) {
            return r -> base - jitter + (long) Math.min(2 * jitter, -Math.log(1 - r.nextDouble()) * jitter / 2);
        }

        /** This delay, plus {@code spike} on a {@code share} of packets (Wi-Fi retries, a busy router). */
        default Delay withSpikes(double share, long spike) {
            return r -> next(r) + (r.nextDouble() < share ? spike : 0);
        }
    }

    static final long SERVER_PROCESSING_MICROS = 40;

    private final Random random;
    private final Delay up;
    private final Delay down;
    private final long start;
    private final double drift;
    private long clientOffset;
    /** Frequency random walk of the client's clock, ppm per square root of a second; 0 for a perfectly steady one. */
    private double wanderPpm;
    private final Random wanderRandom;
    /** The wander's frequency (ppm) and the phase it added (µs) at each whole second since start. */
    private final List<double[]> wanderBySecond = new ArrayList<>(List.<double[]>of(new double[] {0, 0}));

    SimulatedNetwork(long seed, long start, long clientOffset, double driftPpm, Delay up, Delay down) {
        this.random = new Random(seed);
        this.wanderRandom = new Random(~seed);
        this.start = start;
        this.clientOffset = clientOffset;
        this.drift = driftPpm * 1e-6;
        this.up = up;
        this.down = down;
    }

    /**
     * Lets the client's frequency wander as a random walk, {@code ppmPerRootSecond} a second, as a crystal does with
     * temperature: the straight line the estimator fits is then only ever an approximation.
     */
    SimulatedNetwork wander(double ppmPerRootSecond) {
        this.wanderPpm = ppmPerRootSecond;
        return this;
    }

    /** What the client's clock reads at true (server) time {@code trueMicros}. */
    long localAt(long trueMicros) {
        return trueMicros + clientOffset + Math.round(drift * (trueMicros - start) + wanderPhase(trueMicros - start));
    }

    private double wanderPhase(long sinceStart) {
        if (wanderPpm == 0 || sinceStart <= 0) {
            return 0;
        }
        int second = (int) (sinceStart / 1_000_000);
        while (wanderBySecond.size() <= second + 1) {
            double[] last = wanderBySecond.getLast();
            wanderBySecond.add(new double[] {last[0] + wanderRandom.nextGaussian() * wanderPpm, last[1] + last[0]});
        }
        double[] at = wanderBySecond.get(second);
        return at[1] + at[0] * 1e-6 * (sinceStart - second * 1_000_000L);
    }

    /** The client's clock jumps by {@code micros}, as after a suspend or a manual clock change. */
    void step(long micros) {
        clientOffset += micros;
    }

    /** A ping sent at true time {@code trueMicros}: its answer, and the true time the answer arrives. */
    Pong ping(long trueMicros) {
        long t2 = trueMicros + up.next(random);
        long t3 = t2 + SERVER_PROCESSING_MICROS;
        long arrives = t3 + down.next(random);
        return new Pong(new ClockSample(localAt(trueMicros), t2, t3, localAt(arrives)), arrives);
    }

    record Pong(ClockSample sample, long arrivesAt) {
    }

    /** How far the estimator's server time is off at true time {@code trueMicros}. */
    long errorOf(ClockEstimator estimator, long trueMicros) {
        return estimator.serverTime(localAt(trueMicros)) - trueMicros;
    }
}
