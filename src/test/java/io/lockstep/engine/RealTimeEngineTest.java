package io.lockstep.engine;

import io.lockstep.pattern.Pattern;
import io.lockstep.schedule.Alignment;
import io.lockstep.schedule.Bundle;
import io.lockstep.schedule.Playback;
import io.lockstep.schedule.Score;
import io.lockstep.schedule.TestPatterns;
import io.lockstep.transport.Segment;
import io.lockstep.transport.Timeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import static io.lockstep.schedule.TestPatterns.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Engines playing real-time scsynth on a private jackd, recorded with jack_rec and listened to. The servers are shared
 * by the tests, and each test first waits until they have settled: a freshly started scsynth takes a minute or two to
 * settle its clock (see ClockAgreement).
 */
class RealTimeEngineTest {

    private static final int RATE = AudioServers.SAMPLE_RATE;
    private static final double BPM = 300;
    private static final long START_AHEAD_NANOS = 1_500_000_000L;
    /** One sample at 48 kHz: within it, two onsets are one sound. */
    private static final double SAMPLE_MS = 1000.0 / RATE;
    /** scsynth maps time tags to samples through a filtered estimate of the driver's clock: measured 0.3 ms jitter on a loaded machine. */
    private static final double SCHEDULE_TOLERANCE_MS = 0.5;
    /** Settling took 90 s when measured; a loaded machine wakes the audio threads later and noisier. */
    private static final Duration WARM_UP = Duration.ofSeconds(240);
    private static final int ATTEMPTS = 3;

    /** Kept when a test fails: the recordings and the jackd, scsynth and jack_rec logs explain it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    private static AudioServers audio;
    private static AudioServers.Synth a;
    private static AudioServers.Synth b;

    @BeforeAll
    static void startServers() throws Exception {
        AudioServers.assumeInstalled("jackd", "jack_wait", "jack_rec", "scsynth");
        audio = new AudioServers(dir);
        a = audio.scsynth("a");
        b = audio.scsynth("b");
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (audio != null) {
            audio.close();
        }
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
        Pattern pattern = hats(0, 2, 4, 6, 8, 10, 12, 14);
        long bars = 16;
        Heard heard = undisturbed("one", (machines, file) -> {
            Machine machine = machines.add(a.scsynth(), 0, 0);
            Timeline timeline = machine.startTimeline(bars);
            Process rec = audio.record(file, recordSeconds(bars), a.port(1));
            machine.publish(pattern, timeline);
            rec.waitFor();
            return machine.expectedRealNanos(pattern, timeline, bars);
        });

        assertThat(heard.channel(0)).hasSameSizeAs(heard.expected());
        assertThat(maxDeviationMs(heard.channel(0), heard.expected())).as("worst onset against the schedule, ms")
                .isLessThanOrEqualTo(SCHEDULE_TOLERANCE_MS);
        assertThat(heard.lateBundles()).as("bundles scsynth reported late").isZero();
    }

    @Test
    void twoEnginesWithDifferentClocksAndNetworkDelaysSoundAsOne() throws Exception {
        Pattern pattern = hats(0, 2, 4, 6, 8, 10, 12, 14);
        long bars = 16;
        Heard heard = undisturbed("two", (machines, file) -> {
            // Machine clocks 250 ms behind and 400 ms ahead of the server; the room's news reaches them 30 and 180 ms late.
            Machine first = machines.add(a.scsynth(), 250_000, 30);
            Machine second = machines.add(b.scsynth(), -400_000, 180);
            Timeline timeline = first.startTimeline(bars);
            Process rec = audio.record(file, recordSeconds(bars), a.port(1), b.port(1));
            first.publish(pattern, timeline);
            second.publish(pattern, timeline);
            rec.waitFor();
            return first.expectedRealNanos(pattern, timeline, bars);
        });

        int expected = heard.expected().size();
        assertThat(heard.channel(0)).hasSize(expected);
        assertThat(heard.channel(1)).hasSize(expected);
        double worst = 0;
        for (int i = 0; i < expected; i++) {
            worst = Math.max(worst, Math.abs(heard.channel(0).get(i).sample() - heard.channel(1).get(i).sample()) * SAMPLE_MS);
        }
        assertThat(worst).as("worst difference between the two engines' onsets of one step, ms").isLessThanOrEqualTo(1.0);
        assertThat(heard.lateBundles()).as("bundles scsynth reported late").isZero();
    }

    @Test
    void anEditIsHeardFromTheFirstStepDueOneHorizonAfterIt() throws Exception {
        Pattern before = hats(0, 4, 8, 12);
        Pattern after = hats(2, 6, 10, 14);
        long bars = 4;
        long latency = Engine.DEFAULT_HORIZON.toNanos() + Engine.DEFAULT_TICK.toNanos();
        AtomicLong editAt = new AtomicLong();
        AtomicReference<List<Long>> all = new AtomicReference<>();
        Heard heard = undisturbed("edit", (machines, file) -> {
            Machine machine = machines.add(a.scsynth(), 0, 0);
            Timeline timeline = machine.startTimeline(bars);
            Process rec = audio.record(file, recordSeconds(bars), a.port(1));
            machine.publish(before, timeline);
            // Edit mid-playback, at a moment unrelated to the step grid.
            editAt.set(timeline.segments().getFirst().atMicros() * 1000 + 2 * TestPatterns.barNanos(BPM) + 17_300_000L);
            machines.at(editAt.get(), () -> machine.publish(after, timeline));
            rec.waitFor();
            all.set(machine.expectedRealNanos(before, timeline, bars));
            List<Long> expected = new ArrayList<>(all.get().stream().filter(t -> t < editAt.get()).toList());
            expected.addAll(machine.expectedRealNanos(after, timeline, bars).stream().filter(t -> t >= editAt.get() + latency).toList());
            return expected;
        });

        // Between the edit and edit + latency a step may sound from either pattern; elsewhere only the right one.
        List<Onsets.Onset> judged = new ArrayList<>();
        long zero = all.get().getFirst();
        List<Onsets.Onset> onsets = heard.channel(0);
        for (Onsets.Onset onset : onsets) {
            long t = zero + Math.round((onset.sample() - onsets.getFirst().sample()) * 1e9 / RATE);
            if (t < editAt.get() || t >= editAt.get() + latency) {
                judged.add(onset);
            }
        }
        assertThat(judged).hasSameSizeAs(heard.expected());
        assertThat(maxDeviationMs(judged, heard.expected())).isLessThanOrEqualTo(SCHEDULE_TOLERANCE_MS);
    }

    /** One recorded attempt: plays on the machines, records into the file and returns the expected real times of the notes. */
    @FunctionalInterface
    private interface Performance {
        List<Long> play(Machines machines, Path file) throws Exception;
    }

    /** The onsets heard on each recorded channel, the notes' expected real times, and the bundles scsynth took late. */
    private record Heard(List<List<Onsets.Onset>> channels, List<Long> expected, long lateBundles) {
        List<Onsets.Onset> channel(int index) {
            return channels.get(index);
        }
    }

    /**
     * Plays and records on settled servers; again, up to {@value #ATTEMPTS} times in all, when the machine disturbed the
     * attempt: jackd reported an xrun (which resets every scsynth's clock filter and so moves its notes by milliseconds),
     * or this JVM held an engine's thread up for longer than its horizon (measured 70 ms garbage-collection pauses with
     * the two cores busy; the engine counts the steps it then leaves unplayed). Such a recording shows the machine
     * falling behind real time, not where the engine puts its notes.
     */
    private static Heard undisturbed(String name, Performance performance) throws Exception {
        List<String> disturbances = new ArrayList<>();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            ClockAgreement.await(audio, a, b, dir, WARM_UP);
            long xrunsBefore = audio.xruns();
            long lateBefore = a.lateLines() + b.lateLines();
            Path file = dir.resolve(name + "-" + attempt + ".wav");
            List<Long> expected;
            long missed;
            try (Machines machines = new Machines()) {
                expected = performance.play(machines, file);
                missed = machines.missedSteps();
            }
            long xruns = audio.xruns() - xrunsBefore;
            if (xruns == 0 && missed == 0) {
                Wav wav = Wav.read(file);
                List<List<Onsets.Onset>> channels = new ArrayList<>();
                for (int channel = 0; channel < wav.channels().length; channel++) {
                    channels.add(onsets(wav, channel));
                }
                return new Heard(channels, expected, a.lateLines() + b.lateLines() - lateBefore);
            }
            disturbances.add(xruns + " xruns and " + missed + " steps held up past");
        }
        throw new AssertionError("this machine could not run audio in real time; attempts: " + disturbances);
    }

    private static int recordSeconds(long bars) {
        return (int) Math.ceil((START_AHEAD_NANOS + (bars + 1) * TestPatterns.barNanos(BPM)) / 1e9) + 1;
    }

    private static List<Onsets.Onset> onsets(Wav wav, int channel) {
        return Onsets.find(wav.channels()[channel], RATE / 100, RATE / 100);
    }

    /**
     * Worst distance (ms) of heard onsets from the schedule. A sound card's clock runs some ppm off the system clock the
     * schedule is in and scsynth follows its rate (the dummy driver keeps the system's, once scsynth settled), so the
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
        private final List<Engine> running = new ArrayList<>();
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
            running.add(engine);
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

        long missedSteps() {
            return running.stream().mapToLong(Engine::missedSteps).sum();
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
