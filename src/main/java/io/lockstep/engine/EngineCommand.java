package io.lockstep.engine;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code java -jar lockstep.jar engine ...}: plays a room on this machine's scsynth, as plain Java without the web
 * server. It checks scsynth and loads the instruments first, so that what is missing is said before joining; Ctrl-C
 * leaves the room.
 */
public final class EngineCommand implements AutoCloseable {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(5);
    private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";
    private static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

    private final Scsynth scsynth;
    private final RoomFollower follower;
    private final Engine engine;
    private final ScheduledExecutorService loop;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EngineCommand(Scsynth scsynth, RoomFollower follower, Engine engine, ScheduledExecutorService loop) {
        this.scsynth = scsynth;
        this.follower = follower;
        this.engine = engine;
        this.loop = loop;
    }

    public static void main(String... args) {
        // Without Spring nobody configures logging: one line per event, and the OSC library's chatter kept out.
        if (System.getProperty(LOG_FORMAT) == null) {
            System.setProperty(LOG_FORMAT, "%1$tT %4$s %5$s%6$s%n");
        }
        if (System.getProperty(LOGBACK_CONFIGURATION) == null) {
            System.setProperty(LOGBACK_CONFIGURATION, "io/lockstep/engine/engine-logback.xml");
        }
        int status = run(System.out, args);
        if (status != OK) {
            System.exit(status);
        }
    }

    /** Runs until the room cannot be followed (returns FAILED) or the JVM shuts down (Ctrl-C: leaves the room). */
    static int run(PrintStream out, String... args) {
        EngineOptions options;
        try {
            options = EngineOptions.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(EngineOptions.USAGE);
            return USAGE;
        }
        EngineCommand command;
        try {
            command = start(options, out);
        } catch (EngineException e) {
            out.println("cannot start the engine: " + e.getMessage());
            return FAILED;
        }
        Thread leave = new Thread(command::close, "lockstep-leave");
        Runtime.getRuntime().addShutdownHook(leave);
        try {
            command.ended().join();
            return OK;
        } catch (CompletionException e) {
            out.println(e.getCause().getMessage());
            command.close();
            Runtime.getRuntime().removeShutdownHook(leave);
            return FAILED;
        }
    }

    /** Checks scsynth, loads the instruments, then joins the room and plays it. */
    static EngineCommand start(EngineOptions options, PrintStream out) {
        Scsynth scsynth = Scsynth.connect(options.scsynth(), 0, 0);
        Status status;
        try {
            status = scsynth.status(STATUS_TIMEOUT);
        } catch (EngineException e) {
            scsynth.close();
            throw new EngineException(e.getMessage() + ". Start it first, for example: scsynth -u " + options.scsynth().getPort()
                    + " (Debian/Ubuntu: apt-get install supercollider-server)", e);
        }
        try {
            Instruments.loadAll(scsynth, LOAD_TIMEOUT);
        } catch (EngineException e) {
            scsynth.close();
            throw e;
        }
        out.printf("scsynth at %s is ready (%.0f Hz); %d instruments loaded%n", scsynth.address(), status.sampleRate(),
                Instruments.NAMES.size());
        WallClock clock = new WallClock();
        RoomFollower follower = new RoomFollower(options.server(), options.room(), options.name(), clock);
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "lockstep-engine"));
        Engine engine = new Engine(follower, scsynth::play, clock, loop, Engine.DEFAULT_HORIZON, Engine.DEFAULT_TICK,
                options.latencyMillis());
        follower.start();
        engine.start();
        out.printf("following room %s on %s as \"%s\"; Ctrl-C leaves the room%n", options.room(), options.server(), options.name());
        return new EngineCommand(scsynth, follower, engine, loop);
    }

    /** Completes when closed; fails when the room cannot be followed. */
    CompletableFuture<Void> ended() {
        return follower.ended();
    }

    /** Stops sending (notes already sent still sound), leaves the room and releases scsynth's port. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            engine.close();
            loop.shutdownNow();
            follower.close();
            scsynth.close();
        }
    }
}
