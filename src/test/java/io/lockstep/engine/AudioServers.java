package io.lockstep.engine;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A private jackd (dummy driver, real-time) and the scsynth instances and recorders on it, all stopped on close,
 * in reverse order, even when a test fails. Ports are free ones and jackd takes a name no running jackd has, so parallel builds do not collide.
 */
final class AudioServers implements AutoCloseable {

    static final int SAMPLE_RATE = 48_000;
    /** Names jackd may run under here; JACK's registry holds 8 servers, two are left to anything else on the machine. */
    private static final int JACK_NAMES = 6;

    final String jackName;
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final List<AutoCloseable> clients = new ArrayList<>();

    /** The test is skipped, with a clear message, only when the audio programs are not installed. */
    static void assumeInstalled(String... programs) {
        for (String program : programs) {
            boolean found = java.util.Arrays.stream(System.getenv("PATH").split(":"))
                    .anyMatch(p -> Files.isExecutable(Path.of(p, program)));
            Assumptions.assumeTrue(found, program + " is not installed (apt-get install supercollider-server jackd2): skipping a test that needs real audio");
        }
    }

    AudioServers(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        this.jackName = startJackd();
    }

    /**
     * Starts jackd under the first free name of a small fixed set. JACK keeps at most 8 servers in its shared registry
     * and frees the entry of a server that died uncleanly only for a new server of the same name, so unique names
     * (one per build) would fill it for good; a fixed set keeps reusing its own entries. Parallel builds take
     * different names: a name in use is skipped, and a jackd that loses a race for one exits and the next is tried.
     */
    private String startJackd() throws IOException, InterruptedException {
        for (int slot = 0; slot < JACK_NAMES; slot++) {
            String name = "lockstep" + slot;
            if (running(name)) {
                continue;
            }
            ProcessBuilder pb = new ProcessBuilder("jackd", "-n", name, "-R", "-P", "70", "-d", "dummy", "-r", String.valueOf(SAMPLE_RATE), "-p", "256");
            pb.environment().put("JACK_NO_AUDIO_RESERVATION", "1");
            Process jackd = start(pb, "jackd", name);
            Process wait = new ProcessBuilder("jack_wait", "-s", name, "-w", "-t", "10").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("jack_wait.log").toFile()).start();
            if (wait.waitFor(15, TimeUnit.SECONDS) && wait.exitValue() == 0 && jackd.isAlive()) {
                return name;
            }
            jackd.destroy();
            processes.remove(jackd);
        }
        throw new IllegalStateException("no jackd could start under any of the names lockstep0-" + (JACK_NAMES - 1) + ": "
                + Files.readString(dir.resolve("jackd.log")));
    }

    private boolean running(String name) throws IOException, InterruptedException {
        Process check = new ProcessBuilder("jack_wait", "-s", name, "-c").redirectErrorStream(true).start();
        String answer = new String(check.getInputStream().readAllBytes()).trim();
        check.waitFor();
        return answer.equals("running");
    }

    /** One scsynth on this jackd, ready (it answered /status) and with every instrument loaded. */
    Synth scsynth(String client) throws IOException {
        int port = Scsynth.freeUdpPort();
        ProcessBuilder pb = new ProcessBuilder("scsynth", "-u", String.valueOf(port), "-R", "0", "-H", jackName + ":" + client);
        pb.environment().put("JACK_NO_START_SERVER", "1");
        Process process = start(pb, client);
        Scsynth scsynth = Scsynth.connect(new InetSocketAddress("127.0.0.1", port), 0, 0);
        clients.add(scsynth);
        awaitStatus(scsynth, Duration.ofSeconds(10));
        Instruments.loadAll(scsynth, Duration.ofSeconds(5));
        return new Synth(client, port, scsynth, process, dir.resolve(client + ".log"));
    }

    /** Starts jack_rec on the given ports; returns once its file exists (it connects the ports within a few ms after). */
    Process record(Path file, int seconds, String... ports) throws IOException {
        List<String> command = new ArrayList<>(List.of("jack_rec", "-f", file.toString(), "-d", String.valueOf(seconds), "-b", "16"));
        command.addAll(List.of(ports));
        Process rec = start(new ProcessBuilder(command), "jack_rec");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline || !rec.isAlive()) {
                throw new IllegalStateException("jack_rec did not start recording: " + Files.readString(dir.resolve("jack_rec.log")));
            }
            LockSupport.parkNanos(1_000_000);
        }
        return rec;
    }

    /** Cycles jackd reported late so far (each also resets every scsynth's clock filter: see ClockAgreement). */
    long xruns() throws IOException {
        return Files.readAllLines(dir.resolve("jackd.log")).stream().filter(line -> line.contains("XRun")).count();
    }

    private static void awaitStatus(Scsynth scsynth, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                scsynth.status(Duration.ofMillis(200));
                return;
            } catch (EngineException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
        }
    }

    private Process start(ProcessBuilder pb, String name) throws IOException {
        return start(pb, name, jackName);
    }

    private Process start(ProcessBuilder pb, String name, String server) throws IOException {
        pb.environment().put("JACK_DEFAULT_SERVER", server);
        Process process = pb.redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        processes.add(process);
        return process;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable client : clients.reversed()) {
            client.close();
        }
        for (Process process : processes.reversed()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** A running scsynth: its JACK client name, UDP port, client and log. */
    record Synth(String client, int udpPort, Scsynth scsynth, Process process, Path log) {

        /** Lines where scsynth reported a bundle that arrived after its time: each is an audible flam. */
        long lateLines() throws IOException {
            return Files.readAllLines(log).stream().filter(line -> line.startsWith("late")).count();
        }

        String port(int channel) {
            return client + ":out_" + channel;
        }
    }
}
