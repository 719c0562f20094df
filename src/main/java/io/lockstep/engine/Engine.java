package io.lockstep.engine;

import io.lockstep.schedule.Bundle;
import io.lockstep.schedule.Horizon;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Plays the room on one scsynth: every tick it reads the latest playback and sends the steps that fall due within
 * the horizon. It needs the network only to learn of edits; between them it plays on from its replica.
 */
public final class Engine implements AutoCloseable {

    /**
     * How far ahead steps are sent, which is also the edit-to-sound latency (plus one tick). 50 ms lost a step now and
     * then on a busy 2-core machine (the tick thread stalled past a step's time); 100 ms did not.
     */
    public static final Duration DEFAULT_HORIZON = Duration.ofMillis(100);
    public static final Duration DEFAULT_TICK = Duration.ofMillis(10);

    private static final Logger LOG = Logger.getLogger(Engine.class.getName());

    private final PlaybackSource source;
    private final Consumer<Bundle> scsynth;
    private final LongSupplier clock;
    private final ScheduledExecutorService scheduler;
    private final Duration tick;
    private final Horizon horizon;
    private final AtomicLong bundlesSent = new AtomicLong();
    private ScheduledFuture<?> loop;

    /**
     * @param scsynth       where due bundles go, usually {@code scsynth::play}
     * @param clock         local epoch nanoseconds (a {@link WallClock} in real time)
     * @param horizon       how far ahead steps are sent; must exceed {@code tick}
     * @param latencyMillis this machine's output latency compensation, either sign
     */
    public Engine(PlaybackSource source, Consumer<Bundle> scsynth, LongSupplier clock, ScheduledExecutorService scheduler,
                  Duration horizon, Duration tick, double latencyMillis) {
        if (horizon.compareTo(tick) <= 0) {
            throw new IllegalArgumentException("the horizon (" + horizon + ") must exceed the tick (" + tick + ") or steps fall between ticks");
        }
        this.source = source;
        this.scsynth = scsynth;
        this.clock = clock;
        this.scheduler = scheduler;
        this.tick = tick;
        this.horizon = new Horizon(horizon.toNanos(), latencyMillis);
    }

    public synchronized void start() {
        if (loop == null) {
            loop = scheduler.scheduleAtFixedRate(this::tick, 0, tick.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Sends what is due now. Runs on the scheduler; one failure must not stop the music, so it is logged, not thrown. */
    void tick() {
        try {
            source.current().ifPresent(playback -> {
                List<Bundle> due = horizon.due(playback, clock.getAsLong());
                due.forEach(scsynth);
                bundlesSent.addAndGet(due.size());
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "engine tick failed; playing on", e);
        }
    }

    public long bundlesSent() {
        return bundlesSent.get();
    }

    /** Stops sending; steps already sent (at most one horizon) still sound. */
    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.cancel(false);
            loop = null;
        }
    }
}
