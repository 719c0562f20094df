package io.lockstep.engine;

import io.lockstep.pattern.Pattern;
import io.lockstep.schedule.Alignment;
import io.lockstep.schedule.Bundle;
import io.lockstep.schedule.Playback;
import io.lockstep.schedule.Score;
import io.lockstep.schedule.TestPatterns;
import io.lockstep.transport.Segment;
import io.lockstep.transport.Timeline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import static io.lockstep.schedule.TestPatterns.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Engines playing real-time scsynth on a private jackd, recorded with jack_rec and listened to. */
class RealTimeEngineTest {

    private static final int RATE = AudioServers.SAMPLE_RATE;
    private static final double BPM = 300;
    private static final long START_AHEAD_NANOS = 1_500_000_000L;
    /** One sample at 48 kHz: within it, two onsets are one sound. */
    private static final double SAMPLE_MS = 1000.0 / RATE;
    /** scsynth maps time tags to samples through its running estimate of the driver's clock: measured 0.3 ms jitter on a loaded machine. */
    private static final double SCHEDULE_TOLERANCE_MS = 0.5;

    /** Kept when a test fails: the recordings and the jackd, scsynth and jack_rec logs explain it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @BeforeEach
    void needsAudio() {
        AudioServers.assumeInstalled("jackd", "jack_wait", "jack_rec", "scsynth");
    }

    /** Closed hats on {@code steps}, velocities varying so each note is its own: short notes leave silence between them. */
    static Pattern hats(int... steps) {
        int[] velocities = new int[steps.length];
        for (int i = 0; i < steps.length; i++) {
            velocities[i] = 60 + 67 * (i % 2);
        }
        return new Pattern(List.of(track("hat_closed", 1.0, false, 42, steps, velocities)));
    }

    @Test
    void oneEnginePlaysSixteenBarsOnScheduleWithNoLateBundle() throws Exception {
        try (AudioServers audio = new AudioServers(dir); Machines machines = new Machines()) {
            AudioServers.Synth synth = audio.scsynth("one");
            Pattern pattern = hats(0, 2, 4, 6, 8, 10, 12, 14);
            Machine machine = machines.add(synth.scsynth(), 0, 0);
            long bars = 16;
            Timeline timeline = machine.startTimeline(bars);
            Process rec = audio.record(dir.resolve("one.wav"), recordSeconds(bars), synth.port(1));
            machine.publish(pattern, timeline);
            rec.waitFor();

            List<Long> expected = machine.expectedRealNanos(pattern, timeline, bars);
            List<Onsets.Onset> heard = onsets(Wav.read(dir.resolve("one.wav")), 0);
            assertThat(heard).hasSameSizeAs(expected);
            assertThat(maxDeviationMs(heard, expected)).as("worst onset against the schedule, ms").isLessThanOrEqualTo(SCHEDULE_TOLERANCE_MS);
            assertThat(synth.lateLines()).as("bundles scsynth reported late").isZero();
        }
    }

    @Test
    void twoEnginesWithDifferentClocksAndNetworkDelaysSoundAsOne() throws Exception {
        try (AudioServers audio = new AudioServers(dir); Machines machines = new Machines()) {
            AudioServers.Synth a = audio.scsynth("a");
            AudioServers.Synth b = audio.scsynth("b");
            Pattern pattern = hats(0, 2, 4, 6, 8, 10, 12, 14);
            // Machine clocks 250 ms behind and 400 ms ahead of the server; the room's news reaches them 30 and 180 ms late.
            Machine first = machines.add(a.scsynth(), 250_000, 30);
            Machine second = machines.add(b.scsynth(), -400_000, 180);
            long bars = 16;
            Timeline timeline = first.startTimeline(bars);
            Process rec = audio.record(dir.resolve("two.wav"), recordSeconds(bars), a.port(1), b.port(1));
            first.publish(pattern, timeline);
            second.publish(pattern, timeline);
            rec.waitFor();

            Wav wav = Wav.read(dir.resolve("two.wav"));
            List<Onsets.Onset> heardA = onsets(wav, 0);
            List<Onsets.Onset> heardB = onsets(wav, 1);
            int expected = first.expectedRealNanos(pattern, timeline, bars).size();
            assertThat(heardA).hasSize(expected);
            assertThat(heardB).hasSize(expected);
            double worst = 0;
            for (int i = 0; i < expected; i++) {
                worst = Math.max(worst, Math.abs(heardA.get(i).sample() - heardB.get(i).sample()) * SAMPLE_MS);
            }
            assertThat(worst).as("worst difference between the two engines' onsets of one step, ms").isLessThanOrEqualTo(1.0);
            assertThat(a.lateLines() + b.lateLines()).isZero();
        }
    }

    @Test
    void anEditIsHeardFromTheFirstStepDueOneHorizonAfterIt() throws Exception {
        try (AudioServers audio = new AudioServers(dir); Machines machines = new Machines()) {
            AudioServers.Synth synth = audio.scsynth("edit");
            Pattern before = hats(0, 4, 8, 12);
            Pattern after = hats(2, 6, 10, 14);
            Machine machine = machines.add(synth.scsynth(), 0, 0);
            long bars = 4;
            Timeline timeline = machine.startTimeline(bars);
            Process rec = audio.record(dir.resolve("edit.wav"), recordSeconds(bars), synth.port(1));
            machine.publish(before, timeline);
            // Edit mid-playback, at a moment unrelated to the step grid.
            long editAt = timeline.segments().getFirst().atMicros() * 1000 + 2 * TestPatterns.barNanos(BPM) + 17_300_000L;
            machines.at(editAt, () -> machine.publish(after, timeline));
            rec.waitFor();

            List<Onsets.Onset> heard = onsets(Wav.read(dir.resolve("edit.wav")), 0);
            List<Long> all = machine.expectedRealNanos(before, timeline, bars);
            long latency = Engine.DEFAULT_HORIZON.toNanos() + Engine.DEFAULT_TICK.toNanos();
            List<Long> expected = new ArrayList<>(all.stream().filter(t -> t < editAt).toList());
            List<Long> afterEdit = machine.expectedRealNanos(after, timeline, bars).stream().filter(t -> t >= editAt + latency).toList();
            expected.addAll(afterEdit);
            // Between the edit and edit + latency a step may sound from either pattern; elsewhere only the right one.
            List<Onsets.Onset> judged = new ArrayList<>();
            long zero = all.getFirst();
            for (Onsets.Onset onset : heard) {
                long t = zero + Math.round((onset.sample() - heard.getFirst().sample()) * 1e9 / RATE);
                if (t < editAt || t >= editAt + latency) {
                    judged.add(onset);
                }
            }
            assertThat(judged).hasSameSizeAs(expected);
            assertThat(maxDeviationMs(judged, expected)).isLessThanOrEqualTo(SCHEDULE_TOLERANCE_MS);
        }
    }

    private static int recordSeconds(long bars) {
        return (int) Math.ceil((START_AHEAD_NANOS + (bars + 1) * TestPatterns.barNanos(BPM)) / 1e9) + 1;
    }

    private static List<Onsets.Onset> onsets(Wav wav, int channel) {
        return Onsets.find(wav.channels()[channel], RATE / 100, RATE / 100);
    }

    /**
     * Worst distance (ms) of heard onsets from the schedule. JACK's dummy driver counts samples on its own timer, some
     * hundred ppm off the system clock the schedule is in (a sound card drifts likewise); scsynth follows that rate, so the
     * schedule is mapped onto the recording with the rate measured between the first and last onsets, checked near 48 kHz.
     */
    static double maxDeviationMs(List<Onsets.Onset> heard, List<Long> expectedNanos) {
        double samplesPerNano = (heard.getLast().sample() - heard.getFirst().sample())
                / (double) (expectedNanos.getLast() - expectedNanos.getFirst());
        assertThat(samplesPerNano * 1e9).as("recorded samples per second of schedule").isCloseTo(RATE, within(RATE * 1e-3));
        double worst = 0;
        for (int i = 0; i < heard.size(); i++) {
            double expectedSample = heard.getFirst().sample() + (expectedNanos.get(i) - expectedNanos.getFirst()) * samplesPerNano;
            worst = Math.max(worst, Math.abs(heard.get(i).sample() - expectedSample) * SAMPLE_MS);
        }
        return worst;
    }

    /**
     * Simulated machines on this one: each has its own clock (the real clock shifted), learns of the room's playback
     * after its network delay, and runs an Engine whose bundles reach a scsynth that reads time tags on the real clock.
     */
    static final class Machines implements AutoCloseable {
        private final ScheduledExecutorService network = Executors.newSingleThreadScheduledExecutor();
        private final List<AutoCloseable> engines = new ArrayList<>();
        private final WallClock real = new WallClock();

        Machine add(Scsynth scsynth, long clockBehindServerMicros, long networkDelayMillis) {
            long shift = -clockBehindServerMicros * 1000;
            LongSupplier local = () -> real.getAsLong() + shift;
            AtomicReference<Playback> latest = new AtomicReference<>();
            ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
            Engine engine = new Engine(() -> Optional.ofNullable(latest.get()),
                    b -> scsynth.play(new Bundle(b.step(), b.atNanos() - shift, b.notes())),
                    local, loop, Engine.DEFAULT_HORIZON, Engine.DEFAULT_TICK, 0);
            engine.start();
            engines.add(() -> {
                engine.close();
                loop.shutdownNow();
            });
            return new Machine(this, latest, clockBehindServerMicros, networkDelayMillis);
        }

        /** Runs {@code action} at real epoch time {@code epochNanos}. */
        void at(long epochNanos, Runnable action) {
            network.schedule(action, epochNanos - real.getAsLong(), TimeUnit.NANOSECONDS);
        }

        long serverNowMicros() {
            return real.getAsLong() / 1000;
        }

        @Override
        public void close() throws Exception {
            for (AutoCloseable engine : engines) {
                engine.close();
            }
            network.shutdownNow();
        }
    }

    record Machine(Machines machines, AtomicReference<Playback> latest, long offsetMicros, long networkDelayMillis) {

        /** A timeline starting soon enough to test quickly, late enough for every machine to hear of it. */
        Timeline startTimeline(long bars) {
            long at = machines.serverNowMicros() + START_AHEAD_NANOS / 1000;
            return new Timeline(BPM, 0, List.of(new Segment(0, bars * Pattern.STEPS, at, BPM, 0)));
        }

        /** The room publishes a playback; this machine receives it after its network delay. */
        void publish(Pattern pattern, Timeline timeline) {
            Playback playback = new Playback(pattern, timeline, offsetMicros);
            machines.network.schedule(() -> latest.set(playback), networkDelayMillis, TimeUnit.MILLISECONDS);
        }

        /** Real (server) times of the notes of the first {@code bars} bars. */
        List<Long> expectedRealNanos(Pattern pattern, Timeline timeline, long bars) {
            long start = timeline.segments().getFirst().atMicros() * 1000;
            return Score.between(pattern, timeline, new Alignment(0, 0), start, start + bars * TestPatterns.barNanos(BPM))
                    .stream().map(Bundle::atNanos).toList();
        }
    }
}
