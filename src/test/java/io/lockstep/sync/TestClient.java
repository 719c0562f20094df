package io.lockstep.sync;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.lockstep.engine.FrameParts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A raw protocol client for tests: sends frames, records everything it receives, and awaits conditions. */
final class TestClient implements WebSocket.Listener, AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A received frame: text (parsed JSON) or binary (kind byte and payload). */
    record Received(JsonNode json, int kind, byte[] payload) {
        boolean isType(String type) {
            return json != null && type.equals(json.path("type").asString());
        }
    }

    private final List<Received> received = new ArrayList<>();
    private final FrameParts parts = new FrameParts();
    private final WebSocket socket;
    private int consumed;
    private boolean closed;

    TestClient(int port) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), this).join();
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    void sendBinary(int kind, long seq, byte[] payload) {
        socket.sendBinary(ByteBuffer.allocate(5 + payload.length).put((byte) kind).putInt((int) seq).put(payload).flip(), true).join();
    }

    void sendRaw(ByteBuffer bytes) {
        socket.sendBinary(bytes, true).join();
    }

    /** Waits for the next not yet consumed frame that matches, consuming everything up to and including it. */
    synchronized Received next(Predicate<Received> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            for (int i = consumed; i < received.size(); i++) {
                if (wanted.test(received.get(i))) {
                    consumed = i + 1;
                    return received.get(i);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || closed) {
                throw new AssertionError("no matching frame; received " + describe(received.subList(consumed, received.size())));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    JsonNode next(String type) throws InterruptedException {
        return next(r -> r.isType(type)).json();
    }

    byte[] nextBinary(int kind) throws InterruptedException {
        return next(r -> r.kind() == kind).payload();
    }

    /** Everything received after the frames consumed so far. */
    synchronized List<Received> unconsumed() {
        return List.copyOf(received.subList(consumed, received.size()));
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private static String describe(List<Received> frames) {
        return frames.stream().map(r -> r.json() != null ? r.json().toString() : "binary kind " + r.kind()).toList().toString();
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        parts.text(data, last).ifPresent(json -> add(new Received(JSON.readTree(json), -1, null)));
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        parts.binary(data, last).ifPresent(all -> add(new Received(null, all[0], Arrays.copyOfRange(all, 1, all.length))));
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
    }

    private synchronized void add(Received r) {
        received.add(r);
        notifyAll();
    }

    @Override
    public void close() {
        if (!isClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        socket.abort();
    }
}
