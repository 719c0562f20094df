package io.lockstep.clock;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Comparator;
import java.util.function.LongConsumer;

/** A client following {@link SyncPolicy} over a {@link SimulatedNetwork}, advanced in 10 ms ticks of true time. */
final class SimulatedClient {

    static final long TICK_MICROS = 10_000L;

    final SimulatedNetwork network;
    final ClockEstimator estimator = new ClockEstimator();
    final SyncPolicy policy = new SyncPolicy();
    /** True times at which pings left. */
    final List<Long> pings = new ArrayList<>();
    /** The samples in the order the estimator got them. */
    final List<ClockSample> samples = new ArrayList<>();
    private final PriorityQueue<SimulatedNetwork.Pong> inFlight =
            new PriorityQueue<>(Comparator.comparingLong(SimulatedNetwork.Pong::arrivesAt));
    private long now;

    SimulatedClient(SimulatedNetwork network, long connectAt) {
        this.network = network;
        this.now = connectAt;
        policy.connected(network.localAt(connectAt));
    }

    long now() {
        return now;
    }

    /** Runs until true time {@code until}, calling {@code probe} with the true time after every tick. */
    void runUntil(long until, boolean playing, LongConsumer probe) {
        while (now < until) {
            now += TICK_MICROS;
            while (!inFlight.isEmpty() && inFlight.peek().arrivesAt() <= now) {
                ClockSample sample = inFlight.poll().sample();
                samples.add(sample);
                estimator.add(sample);
                policy.answered(estimator.quality(network.localAt(now)), network.localAt(now));
            }
            long local = network.localAt(now);
            if (local >= policy.nextPingAt(playing)) {
                policy.pinged(local);
                pings.add(now);
                inFlight.add(network.ping(now));
            }
            probe.accept(now);
        }
    }

    void runUntil(long until, boolean playing) {
        runUntil(until, playing, t -> { });
    }
}
