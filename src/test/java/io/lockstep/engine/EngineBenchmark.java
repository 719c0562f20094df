package io.lockstep.engine;

import io.lockstep.clock.TimeSource;
import io.lockstep.pattern.Edit;
import io.lockstep.pattern.Pattern;
import io.lockstep.pattern.Step;
import io.lockstep.pattern.Track;
import io.lockstep.pattern.TrackKind;
import io.lockstep.room.Presence;
import io.lockstep.room.Room;
import io.lockstep.room.RoomService;
import io.lockstep.room.TimelineChange;
import io.lockstep.schedule.Bundle;
import io.lockstep.schedule.Playback;
import io.lockstep.transport.Timeline;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static io.lockstep.engine.TestRooms.engineMember;
import static io.lockstep.engine.TestRooms.musician;

/**
 * The engine's numbers, with real parts: the server, RoomFollowers over jittered TCP, real-time scsynth on jackd.
 * Run with {@code mvn -o -q test -Dtest=EngineBenchmark -Dgroups=benchmark -Dlockstep.excluded.groups=none}
 * ({@code -Dlockstep.benchmark.minutes=N} sets the long run, default 10; {@code -Dlockstep.benchmark.engineJvm=-Xmx48m}
 * passes a JVM option to its engine process).
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EngineBenchmark {

    private static final int RATE = AudioServers.SAMPLE_RATE;
    private static final Duration WARM_UP = Duration.ofSeconds(360);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final double BPM = 200;

    @LocalServerPort
    int port;
    @Autowired
    RoomService rooms;
    @Autowired
    TimeSource serverClock;
    @TempDir
    Path dir;

    private final WallClock real = new WallClock();

    /** One simulated machine: its clock, its network path to the server, its follower and engine. */
    private final class Machine implements AutoCloseable {
        final SkewedClock clock;
        final Relay relay;
        final RoomFollower follower;
        final Engine engine;
        final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
        final List<Bundle> sent = new ArrayList<>();

        Machine(Room room, String name, long offsetMillis, double driftPpm, long delayMicros, long jitterMicros, Scsynth scsynth) {
            clock = new SkewedClock(real, offsetMillis * 1_000_000, driftPpm);
            relay = new Relay(port, () -> (delayMicros + ThreadLocalRandom.current().nextLong(jitterMicros + 1)) * 1000);
            follower = new RoomFollower(URI.create("ws://127.0.0.1:" + relay.port() + "/ws"), room.code().value(), name, clock);
            engine = new Engine(follower, bundle -> {
                Bundle atRealTime = new Bundle(bundle.step(), clock.toReal(bundle.atNanos()), bundle.notes());
                synchronized (sent) {
                    sent.add(atRealTime);
                }
                if (scsynth != null) {
                    scsynth.play(atRealTime);
                }
            }, clock, loop, Engine.DEFAULT_HORIZON, Engine.DEFAULT_TICK, 0);
            follower.start();
            engine.start();
        }

        /** The follower's clock error now: its offset estimate minus the true offset, µs. */
        long offsetErrorMicros() {
            long local = clock.getAsLong() / 1000;
            long server = serverClock.nowMicros();
            return follower.current().orElseThrow().offsetMicros() - (server - local);
        }

        List<Bundle> sent() {
            synchronized (sent) {
                return List.copyOf(sent);
            }
        }

        @Override
        public void close() throws IOException {
            engine.close();
            loop.shutdownNow();
            follower.close();
            relay.close();
        }
    }

    @Test
    void twoEnginesThroughJitteredNetworksSoundTogether() throws Exception {
        AudioServers.assumeInstalled("jackd", "jack_wait", "jack_rec", "scsynth");
        try (AudioServers audio = new AudioServers(dir)) {
            AudioServers.Synth a = audio.scsynth("a");
            AudioServers.Synth b = audio.scsynth("b");
            long warm = System.nanoTime();
            List<Integer> rounds = ClockAgreement.await(audio, a, b, dir, WARM_UP);
            System.out.printf("scsynth settled after %.0f s (%d rounds, worst error per round in samples: %s)%n",
                    (System.nanoTime() - warm) / 1e9, rounds.size(), rounds);

            // Clocks 250 ms behind and 400 ms ahead, drifting +10 and -15 ppm; one-way delays drawn per chunk.
            playTogether(audio, a, b, "both links 2-4 ms one way", new Link(2_000, 2_000), new Link(2_000, 2_000));
            playTogether(audio, a, b, "links 2-4 ms and 25-55 ms one way", new Link(2_000, 2_000), new Link(25_000, 30_000));
        }
    }

    /** A network path: one-way delay of {@code delayMicros} plus up to {@code jitterMicros}, uniformly. */
    private record Link(long delayMicros, long jitterMicros) {
    }

    private void playTogether(AudioServers audio, AudioServers.Synth a, AudioServers.Synth b, String label, Link near, Link far)
            throws Exception {
        Room room = rooms.create();
        String ana = musician(room);
        for (String track : List.of("kick", "snare", "bass")) {
            room.edit(ana, new Edit.ClearTrack(track));
        }
        room.lead(ana, TimelineChange.tempo(BPM));
        long bars = 64;
        long xruns = audio.xruns();
        long late = a.lateLines() + b.lateLines();
        Path file = dir.resolve("two-" + room.code().value() + ".wav");
        System.out.println(label + ":");
        try (Machine first = new Machine(room, "near", -250, 10, near.delayMicros(), near.jitterMicros(), a.scsynth());
             Machine second = new Machine(room, "far", 400, -15, far.delayMicros(), far.jitterMicros(), b.scsynth())) {
            Eventually.await("both engines synced", PATIENCE, () -> first.follower.current().isPresent()
                    && second.follower.current().isPresent() && room.state().members().stream().filter(m -> m.sync() != null).count() == 2);
            // A start far enough ahead for jack_rec to be recording by then.
            long startMicros = serverClock.nowMicros() + 3_000_000;
            int seconds = (int) Math.ceil((startMicros * 1000 - real.getAsLong() + (bars + 1) * barNanos()) / 1e9) + 1;
            Process rec = audio.record(file, seconds, a.port(1), b.port(1));
            room.lead(ana, TimelineChange.playAt(startMicros));
            long nearAtStart = first.offsetErrorMicros();
            long farAtStart = second.offsetErrorMicros();
            rec.waitFor();
            System.out.printf("  clock offset error at the start and end, µs: near %d, %d; far %d, %d%n", nearAtStart,
                    first.offsetErrorMicros(), farAtStart, second.offsetErrorMicros());
            System.out.printf("  steps held up past: near %d, far %d; scsynth late bundles: %d; jackd xruns: %d%n",
                    first.engine.missedSteps(), second.engine.missedSteps(), a.lateLines() + b.lateLines() - late, audio.xruns() - xruns);
        }
        Wav wav = Wav.read(file);
        List<Onsets.Onset> heardA = Onsets.find(wav.channels()[0], RATE / 100, RATE / 100);
        List<Onsets.Onset> heardB = Onsets.find(wav.channels()[1], RATE / 100, RATE / 100);
        int notes = (int) (bars * 8);
        System.out.printf("  onsets heard: near %d, far %d, compared %d%n", heardA.size(), heardB.size(), notes);
        double[] differences = new double[Math.min(notes, Math.min(heardA.size(), heardB.size()))];
        for (int i = 0; i < differences.length; i++) {
            differences[i] = Math.abs(heardA.get(i).sample() - heardB.get(i).sample()) * 1000.0 / RATE;
        }
        System.out.printf("  cross-engine onset difference over %d bars at %.0f BPM, ms: %s%n", bars, BPM, percentiles(differences));
    }

    @Test
    void editToSound() throws Exception {
        Room room = rooms.create();
        String ana = musician(room);
        for (String track : List.of("kick", "snare", "bass")) {
            room.edit(ana, new Edit.ClearTrack(track));
        }
        for (int step = 0; step < Pattern.STEPS; step++) {
            room.edit(ana, new Edit.SetStep("hat", step, new Step(true, 100, 42)));
        }
        room.edit(ana, new Edit.SetMuted("hat", true));
        room.lead(ana, TimelineChange.tempo(BPM));
        int edits = 60;
        List<Long> unmutedAt = new ArrayList<>();
        List<Long> mutedAt = new ArrayList<>();
        try (Machine machine = new Machine(room, "studio", 120, 5, 2_000, 2_000, null)) {
            Eventually.await("the engine synced", PATIENCE, () -> machine.follower.current().map(Playback::pattern).map(room.pattern()::equals).orElse(false));
            room.lead(ana, TimelineChange.play(false));
            Thread.sleep(1000);
            Random random = new Random(11);
            for (int i = 0; i < edits; i++) {
                // Edits at moments unrelated to the step grid.
                Thread.sleep(700 + random.nextInt(600));
                boolean unmute = i % 2 == 0;
                long at = serverClock.nowMicros() * 1000;
                room.edit(ana, new Edit.SetMuted("hat", !unmute));
                (unmute ? unmutedAt : mutedAt).add(at);
            }
            Thread.sleep(1000);
            List<Long> times = machine.sent().stream().map(Bundle::atNanos).sorted().toList();
            double[] heard = new double[unmutedAt.size()];
            for (int i = 0; i < heard.length; i++) {
                long edit = unmutedAt.get(i);
                heard[i] = times.stream().filter(t -> t >= edit).findFirst().map(t -> (t - edit) / 1e6).orElse(Double.NaN);
            }
            double[] lingering = new double[mutedAt.size()];
            for (int i = 0; i < lingering.length; i++) {
                long edit = mutedAt.get(i);
                long nextUnmute = i + 1 < unmutedAt.size() ? unmutedAt.get(i + 1) : Long.MAX_VALUE;
                lingering[i] = times.stream().filter(t -> t >= edit && t < nextUnmute).reduce((x, y) -> y).map(t -> (t - edit) / 1e6).orElse(0.0);
            }
            long stepMillis = Math.round(60_000 / BPM / 4);
            System.out.printf("edit-to-sound (unmute to first note, includes up to one %d ms step of grid wait), ms: %s%n", stepMillis, percentiles(heard));
            System.out.printf("after a mute, the old pattern sounds on for (last note after the edit), ms: %s%n", percentiles(lingering));
            System.out.printf("network one way 2-4 ms; steps held up past: %d%n", machine.engine.missedSteps());
        }
    }

    @Test
    void longRunAt200BpmWithEightBusyTracks() throws Exception {
        AudioServers.assumeInstalled("jackd", "jack_wait", "scsynth");
        long minutes = Long.getLong("lockstep.benchmark.minutes", 10);
        Room room = rooms.create();
        String ana = musician(room);
        List<String> extra = List.of("clap", "hat_open", "lead", "kick");
        for (int i = 0; i < extra.size(); i++) {
            String instrument = extra.get(i);
            TrackKind kind = instrument.equals("lead") ? TrackKind.MELODIC : TrackKind.DRUM;
            room.edit(ana, new Edit.AddTrack(new Track("busy" + i, "Busy " + i, instrument, kind, 0.3, false,
                    java.util.Collections.nCopies(Pattern.STEPS, Step.off(60))), 4 + i));
        }
        for (Track track : room.pattern().tracks()) {
            for (int step = 0; step < Pattern.STEPS; step++) {
                room.edit(ana, new Edit.SetStep(track.id(), step, new Step(true, 80 + step, track.step(step).note())));
            }
        }
        room.lead(ana, TimelineChange.tempo(BPM));
        try (AudioServers audio = new AudioServers(dir)) {
            AudioServers.Synth synth = audio.scsynth("long");
            Path log = dir.resolve("engine.log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED"));
            String jvmOption = System.getProperty("lockstep.benchmark.engineJvm", "");
            if (!jvmOption.isBlank()) {
                command.add(jvmOption);
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.lockstep.LockstepApplication", "engine",
                    "--server", "ws://127.0.0.1:" + port + "/ws", "--room", room.code().value(),
                    "--scsynth", "127.0.0.1:" + synth.udpPort(), "--name", "long"));
            Process engine = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                Eventually.await("the engine synced", PATIENCE, () -> engineMember(room).map(m -> m.sync() != null).orElse(false));
                long xruns = audio.xruns();
                Timeline timeline = room.lead(ana, TimelineChange.play(false));
                long start = timeline.segments().getFirst().atMicros() * 1000;
                Thread.sleep(Math.max(0, (start - real.getAsLong()) / 1_000_000) + 15_000);
                ProcessUse before = ProcessUse.of(engine.pid());
                long measuredFrom = real.getAsLong();
                Thread.sleep(Duration.ofMinutes(minutes).toMillis());
                ProcessUse after = ProcessUse.of(engine.pid());
                double elapsed = (real.getAsLong() - measuredFrom) / 1e9;
                Status status = synth.scsynth().status(Duration.ofSeconds(2));
                long steps = Math.round((real.getAsLong() - start) / 1e9 * BPM / 60 * 4);
                String printed = Files.readString(log);
                long unplayedWarnings = printed.lines().filter(l -> l.contains("went unplayed")).count();
                long unplayed = printed.lines().filter(l -> l.contains("went unplayed"))
                        .mapToLong(l -> Long.parseLong(l.replaceAll(".*: (\\d+) steps went unplayed.*", "$1"))).sum();
                System.out.printf("long run: %d min at %.0f BPM, 8 tracks on every step (%d steps, %d notes so far); engine JVM options: %s%n",
                        minutes, BPM, steps, steps * 8, jvmOption.isBlank() ? "none" : jvmOption);
                System.out.printf("scsynth late bundles: %d; steps the engine was held up past: %d (%d warnings); jackd xruns: %d; engine still in the room: %s%n",
                        synth.lateLines(), unplayed, unplayedWarnings, audio.xruns() - xruns,
                        engineMember(room).map(m -> m.presence() == Presence.CONNECTED).orElse(false));
                System.out.printf("engine process: CPU %.2f%% of one core over %.0f s; RSS %d -> %d MiB (peak %d MiB); scsynth avg CPU %.1f%%%n",
                        100.0 * (after.cpuTicks() - before.cpuTicks()) / ProcessUse.TICKS_PER_SECOND / elapsed, elapsed,
                        before.rssKib() / 1024, after.rssKib() / 1024, after.peakRssKib() / 1024, status.averageCpu());
            } finally {
                engine.destroy();
                engine.waitFor(10, TimeUnit.SECONDS);
                engine.destroyForcibly();
            }
        }
    }

    /** CPU time and memory of a process, from /proc. */
    private record ProcessUse(long cpuTicks, long rssKib, long peakRssKib) {
        /** USER_HZ, 100 on Linux. */
        static final long TICKS_PER_SECOND = 100;

        static ProcessUse of(long pid) throws IOException {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields after the command: state is 3, utime 14 and stime 15 in proc(5)'s numbering.
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            List<String> status = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"));
            return new ProcessUse(ticks, kib(status, "VmRSS:"), kib(status, "VmHWM:"));
        }

        private static long kib(List<String> status, String key) {
            return status.stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElseThrow();
        }
    }

    private static long barNanos() {
        return Math.round(4 * 60e9 / BPM);
    }

    private static String percentiles(double[] values) {
        double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return "no values";
        }
        return String.format("p50 %.3f, p99 %.3f, max %.3f (n=%d)", sorted[(int) Math.floor(0.5 * (sorted.length - 1))],
                sorted[(int) Math.floor(0.99 * (sorted.length - 1))], sorted[sorted.length - 1], sorted.length);
    }
}
