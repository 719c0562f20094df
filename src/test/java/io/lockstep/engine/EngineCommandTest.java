package io.lockstep.engine;

import io.lockstep.room.Presence;
import io.lockstep.room.Room;
import io.lockstep.room.RoomService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.lockstep.engine.TestRooms.engineMember;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code lockstep.jar engine ...}: what it says when something is missing, and a whole run against a real server and scsynth. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EngineCommandTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @LocalServerPort
    int port;
    @Autowired
    RoomService rooms;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private String server() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    @Test
    void wrongArgumentsAreExplainedWithTheUsage() {
        assertThat(EngineCommand.run(out, "--room", "toka-miru")).isEqualTo(EngineCommand.USAGE);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("--server is required").contains("usage:");

        printed.reset();
        assertThat(EngineCommand.run(out, "--server", "http://example.org", "--room", "toka-miru")).isEqualTo(EngineCommand.USAGE);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("--server must be a WebSocket URL");
    }

    @Test
    void aMissingScsynthIsSaidPlainlyBeforeJoining() {
        Room room = rooms.create();
        int nobody = Scsynth.freeUdpPort();

        int status = EngineCommand.run(out, "--server", server(), "--room", room.code().value(), "--scsynth", "127.0.0.1:" + nobody);

        assertThat(status).isEqualTo(EngineCommand.FAILED);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("scsynth is not running or not reachable at 127.0.0.1:" + nobody)
                .contains("scsynth -u " + nobody);
        assertThat(room.state().members()).isEmpty();
    }

    @Test
    void anUnknownRoomIsSaidPlainly() throws Exception {
        AudioServers.assumeInstalled("jackd", "jack_wait", "scsynth");
        try (AudioServers audio = new AudioServers(dir)) {
            int scsynth = audio.scsynth("cmd").udpPort();

            int status = EngineCommand.run(out, "--server", server(), "--room", "zuzu-zaza", "--scsynth", "127.0.0.1:" + scsynth);

            assertThat(status).isEqualTo(EngineCommand.FAILED);
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("cannot join room zuzu-zaza").contains("UNKNOWN_ROOM");
        }
    }

    /** The jar's entry point in a process of its own; SIGTERM runs the same shutdown hooks as Ctrl-C. */
    @Test
    void theEngineProcessJoinsAsAnEngineAndLeavesOnCtrlC() throws Exception {
        AudioServers.assumeInstalled("jackd", "jack_wait", "scsynth");
        Room room = rooms.create();
        try (AudioServers audio = new AudioServers(dir)) {
            int scsynth = audio.scsynth("proc").udpPort();
            Path log = dir.resolve("engine.log");
            Process engine = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    "io.lockstep.LockstepApplication", "engine", "--server", server(), "--room", room.code().value(),
                    "--scsynth", "127.0.0.1:" + scsynth, "--name", "Studio", "--latency-ms", "4.5")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                Eventually.await("the engine listed in the room", PATIENCE, () -> engineMember(room).map(m -> m.presence() == Presence.CONNECTED).orElse(false));
                Eventually.await("the engine saying it joined", PATIENCE, () -> read(log).contains("joined room " + room.code().value()));
                assertThat(engineMember(room).orElseThrow().name()).isEqualTo("Studio");
                assertThat(read(log)).contains("7 instruments loaded");

                engine.destroy();
                assertThat(engine.waitFor(10, TimeUnit.SECONDS)).as("engine process ended").isTrue();
                assertThat(engineMember(room).orElseThrow().presence()).as("left, not merely disconnected").isEqualTo(Presence.GONE);
            } finally {
                engine.destroyForcibly();
            }
        }
    }


    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
