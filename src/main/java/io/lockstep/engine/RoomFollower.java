package io.lockstep.engine;

import io.lockstep.clock.ClockQuality;
import io.lockstep.clock.ClockSample;
import io.lockstep.clock.OffsetLine;
import io.lockstep.pattern.Pattern;
import io.lockstep.pattern.PatternException;
import io.lockstep.schedule.Playback;
import io.lockstep.transport.Timeline;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine as a member of a room (role "engine" in docs/PROTOCOL.md): it keeps a replica of the pattern, follows the
 * timeline and the server's clock, and serves the latest of them to the Engine, which reads them every tick. When the
 * connection drops it rejoins with backoff as the same member and catches up through Automerge's sync protocol; the
 * engine meanwhile plays on from what it has, so the music has no gap, and no doubled note, as the Engine never sends a
 * step twice.
 *
 * <p>All protocol state lives on one thread, the room thread; the engine's thread reads only immutable snapshots.
 */
final class RoomFollower implements PlaybackSource, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RoomFollower.class.getName());
    private static final byte CHANGES = 0x01;
    private static final byte DOCUMENT = 0x02;
    private static final byte SYNC = 0x03;
    /** How often the room thread looks at pings, reports and the link's health: finer than the burst's 100 ms. */
    private static final long POLL_MILLIS = 20;
    /** A link that has not answered a ping for this long is dead even if TCP has not noticed (a cable pulled, Wi-Fi gone). */
    private static final long SILENCE_MICROS = 5_000_000L;
    private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(2);

    private final URI server;
    private final String room;
    private final String name;
    private final LongSupplier localNanos;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lockstep-room");
        t.setDaemon(true);
        return t;
    });
    private final JsonMapper json = JsonMapper.builder().build();
    private final Replica replica = new Replica();
    private final ClockSync clock = new ClockSync();
    private final Backoff backoff = new Backoff();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private Link link;
    private boolean joined;
    private boolean syncing;
    private String resume;
    private long nextSeq = 1;
    private long nextPing = 1;
    /** Local time of the oldest ping not yet followed by any frame from the server, or -1. */
    private long unansweredSince = -1;
    private boolean leaving;
    private CompletableFuture<Void> left;

    private volatile String memberId;
    private volatile Pattern pattern;
    private volatile Timeline timeline;
    private volatile OffsetLine offset;

    /**
     * @param server     the server's sync endpoint, {@code ws://host:port/ws}
     * @param localNanos this machine's clock as epoch nanoseconds, the one the Engine schedules by
     */
    RoomFollower(URI server, String room, String name, LongSupplier localNanos) {
        this.server = server;
        this.room = room;
        this.name = name;
        this.localNanos = localNanos;
    }

    void start() {
        thread.execute(this::connect);
        thread.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<Playback> current() {
        Pattern p = pattern;
        Timeline t = timeline;
        OffsetLine o = offset;
        if (p == null || t == null || o == null) {
            return Optional.empty();
        }
        return Optional.of(new Playback(p, t, Math.round(o.offsetAt(localMicros()))));
    }

    /** This engine's member id in the room, once joined. */
    Optional<String> memberId() {
        return Optional.ofNullable(memberId);
    }

    /** Completes when the follower is closed, or fails when the room cannot be followed (no such room, a bad name). */
    CompletableFuture<Void> ended() {
        return ended;
    }

    private long localMicros() {
        return localNanos.getAsLong() / 1000;
    }

    private void connect() {
        if (leaving) {
            return;
        }
        Link.open(http, server, thread, new Frames(), this::localMicros).whenCompleteAsync((opened, failure) -> {
            if (failure != null) {
                retry("cannot reach " + server + ": " + rootMessage(failure));
            } else if (leaving) {
                opened.abort("closing");
            } else {
                link = opened;
                clock.connected(localMicros());
                join();
            }
        }, thread);
    }

    private void retry(String why) {
        Duration wait = backoff.next();
        LOG.warning(why + "; trying again in " + wait.toMillis() + " ms" + (pattern == null ? "" : ", playing on meanwhile"));
        thread.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Joins, or rejoins as the same member with the replica this engine already holds. */
    private void join() {
        syncing = replica.isHeld();
        ObjectNode message = json.createObjectNode().put("type", "JOIN").put("room", room).put("name", name)
                .put("role", "engine").put("sync", syncing);
        if (resume != null) {
            message.put("resume", resume);
        }
        send(message);
    }

    private void send(ObjectNode message) {
        link.sendText(json.writeValueAsString(message));
    }

    private void sendBinary(byte kind, byte[] payload) {
        link.sendBinary(ByteBuffer.allocate(5 + payload.length).put(kind).putInt((int) nextSeq++).put(payload).flip());
    }

    private void poll() {
        try {
            if (link == null) {
                return;
            }
            long now = localMicros();
            if (unansweredSince >= 0 && now - unansweredSince > SILENCE_MICROS) {
                link.abort("the server did not answer a clock ping for " + SILENCE_MICROS / 1_000_000 + " s");
                return;
            }
            if (clock.pingDue(now, playing(now))) {
                send(json.createObjectNode().put("type", "TIME_PING").put("id", nextPing++).put("t1", now));
                clock.pinged(now);
                if (unansweredSince < 0) {
                    unansweredSince = now;
                }
            }
            if (joined) {
                clock.reportDue(now).ifPresent(this::report);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "room thread: " + e.getMessage(), e);
        }
    }

    private boolean playing(long nowMicros) {
        Timeline t = timeline;
        OffsetLine o = offset;
        return t != null && o != null && t.playingAt(o.serverTime(nowMicros));
    }

    private void report(ClockQuality quality) {
        send(json.createObjectNode().put("type", "CLOCK_REPORT").put("rtt", quality.delayMicros())
                .put("uncertainty", quality.spreadMicros()).put("drift", quality.driftPpm()));
    }

    private void onText(JsonNode message, long receivedMicros) throws PatternException {
        switch (message.path("type").asString()) {
            case "JOINED" -> onJoined(message);
            case "TIMELINE" -> timeline = timeline(message.path("timeline"));
            case "TIME_PONG" -> onPong(message, receivedMicros);
            case "ACK" -> onAck(message);
            case "ERROR" -> onError(message);
            case "DONE" -> {
                if ("LEAVE".equals(message.path("ref").asString()) && left != null) {
                    left.complete(null);
                }
            }
            default -> {
                // ROOM and anything newer: nothing an engine needs to play.
            }
        }
    }

    private void onJoined(JsonNode message) {
        joined = true;
        backoff.reset();
        memberId = message.path("you").asString();
        resume = message.path("resume").asString();
        timeline = timeline(message.path("timeline"));
        if (syncing) {
            replica.startSync();
        }
        LOG.info("joined room " + message.path("room").asString() + " as " + name + " (" + memberId + ")"
                + (syncing ? ", catching up" : ""));
    }

    private Timeline timeline(JsonNode wire) {
        return Timeline.fromMap(json.treeToValue(wire, Map.class));
    }

    private void onPong(JsonNode message, long receivedMicros) {
        ClockSample sample = new ClockSample(message.path("t1").asLong(), message.path("t2").asLong(),
                message.path("t3").asLong(), receivedMicros);
        clock.answered(sample, receivedMicros).ifPresent(estimate -> offset = estimate);
    }

    private void onAck(JsonNode message) {
        List<String> heads = message.path("heads").valueStream().map(JsonNode::asString).sorted().toList();
        if (syncing && heads.equals(replica.heads().stream().sorted().toList())) {
            syncing = false;
            LOG.info("caught up with the room");
        }
    }

    private void onError(JsonNode message) {
        String code = message.path("code").asString();
        String ref = message.path("ref").asString();
        String text = message.path("message").asString();
        if (code.equals("UNKNOWN_MEMBER")) {
            // Away longer than the grace period: join as a new member, still catching the replica up.
            LOG.info("the room forgot this engine while it was away; joining again");
            resume = null;
            join();
        } else if ("JOIN".equals(ref)) {
            fail(new EngineException("cannot join room " + room + " on " + server + ": " + text + " (" + code + ")"));
        } else {
            LOG.warning("the server refused " + ref + ": " + text + " (" + code + ")");
        }
    }

    private void onBinary(byte[] frame) throws PatternException {
        byte[] payload = Arrays.copyOfRange(frame, 1, frame.length);
        switch (frame[0]) {
            case DOCUMENT -> pattern = replica.load(payload);
            case CHANGES -> pattern = replica.apply(payload);
            case SYNC -> {
                for (byte[] reply : replica.sync(payload)) {
                    sendBinary(SYNC, reply);
                }
                pattern = replica.pattern();
            }
            default -> LOG.warning("ignoring a binary frame of unknown kind " + frame[0]);
        }
    }

    private void onClosed(String why) {
        link = null;
        joined = false;
        unansweredSince = -1;
        if (!leaving) {
            retry("lost the room: " + why);
        }
    }

    private void fail(EngineException e) {
        leaving = true;
        if (link != null) {
            link.abort(e.getMessage());
        }
        ended.completeExceptionally(e);
    }

    /** Leaves the room (the others see this engine gone at once), closes the connection and frees the replica. */
    @Override
    public void close() {
        await(CompletableFuture.supplyAsync(this::leave, thread).thenCompose(f -> f), "the server did not confirm LEAVE");
        await(CompletableFuture.supplyAsync(() -> link == null ? CompletableFuture.completedFuture(null) : link.closeGracefully(), thread)
                .thenCompose(f -> f), "the connection did not close");
        await(CompletableFuture.runAsync(replica::close, thread), "the replica could not be freed");
        thread.shutdownNow();
        http.shutdownNow();
        ended.complete(null);
    }

    private CompletableFuture<?> leave() {
        leaving = true;
        if (link == null || !joined) {
            return CompletableFuture.completedFuture(null);
        }
        left = new CompletableFuture<>();
        send(json.createObjectNode().put("type", "LEAVE"));
        return left;
    }

    private static void await(CompletableFuture<?> step, String failure) {
        try {
            step.get(LEAVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warning(failure + " within " + LEAVE_TIMEOUT.toMillis() + " ms; closing anyway");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The current link's frames, on the room thread; frames of a link already replaced are ignored. */
    private final class Frames implements Link.Handler {
        @Override
        public void text(Link from, String text, long receivedMicros) {
            if (from != link) {
                return;
            }
            unansweredSince = -1;
            try {
                onText(json.readTree(text), receivedMicros);
            } catch (PatternException | RuntimeException e) {
                LOG.log(Level.WARNING, "could not handle a message from the server: " + text, e);
            }
        }

        @Override
        public void binary(Link from, byte[] frame) {
            if (from != link) {
                return;
            }
            unansweredSince = -1;
            try {
                onBinary(frame);
            } catch (PatternException | RuntimeException e) {
                LOG.log(Level.WARNING, "could not apply a frame from the server", e);
            }
        }

        @Override
        public void closed(Link from, String why) {
            if (from == link) {
                onClosed(why);
            }
        }
    }
}
