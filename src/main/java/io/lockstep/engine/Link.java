package io.lockstep.engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One WebSocket connection to a Lockstep server. Whole frames are handed to the handler on the caller's executor (the
 * room thread), so the handler never runs concurrently with itself; sends are queued one after another, as the JDK's
 * WebSocket requires.
 */
final class Link implements WebSocket.Listener {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** What the room thread hears from one link. */
    interface Handler {
        /** A text frame, and the local time (µs) it arrived: a TIME_PONG's t4. */
        void text(Link link, String json, long receivedMicros);

        void binary(Link link, byte[] frame);

        /** The link is gone, whichever side ended it; called once. */
        void closed(Link link, String why);
    }

    private final Executor room;
    private final Handler handler;
    private final LongSupplier localMicros;
    private final FrameParts parts = new FrameParts();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile WebSocket socket;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    private Link(Executor room, Handler handler, LongSupplier localMicros) {
        this.room = room;
        this.handler = handler;
        this.localMicros = localMicros;
    }

    /** Connects; the future fails when the server cannot be reached or refuses the upgrade. */
    static CompletableFuture<Link> open(HttpClient http, URI uri, Executor room, Handler handler, LongSupplier localMicros) {
        Link link = new Link(room, handler, localMicros);
        return http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT).buildAsync(uri, link).thenApply(ws -> {
            link.socket = ws;
            return link;
        });
    }

    /** Queues a text frame; call on the room thread. A failed send closes the link. */
    void sendText(String json) {
        send(ws -> ws.sendText(json, true));
    }

    /** Queues a binary frame; call on the room thread. */
    void sendBinary(ByteBuffer frame) {
        send(ws -> ws.sendBinary(frame, true));
    }

    private void send(Function<WebSocket, CompletableFuture<WebSocket>> frame) {
        WebSocket ws = socket;
        sending = sending.thenCompose(done -> frame.apply(ws)).exceptionally(e -> {
            abort("sending failed: " + e.getMessage());
            return null;
        });
    }

    /** Ends the link politely once queued frames are out. */
    CompletableFuture<?> closeGracefully() {
        WebSocket ws = socket;
        return sending.thenCompose(done -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye"))
                .orTimeout(2, TimeUnit.SECONDS)
                .handle((sent, failure) -> {
                    abort("closed by this engine");
                    return null;
                });
    }

    /** Drops the connection at once, e.g. when the server stopped answering. */
    void abort(String why) {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        ended(why);
    }

    private void ended(String why) {
        if (closed.compareAndSet(false, true)) {
            post(() -> handler.closed(this, why));
        }
    }

    private void post(Runnable event) {
        try {
            room.execute(event);
        } catch (RejectedExecutionException e) {
            // The room thread has shut down: nobody is left to tell.
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        long received = localMicros.getAsLong();
        parts.text(data, last).ifPresent(json -> post(() -> handler.text(this, json, received)));
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        parts.binary(data, last).ifPresent(frame -> post(() -> handler.binary(this, frame)));
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        ended("the server closed the connection (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        ended("the connection failed: " + error.getMessage());
    }
}
