package io.lockstep.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * A TCP relay in front of a local port, like a network between a client and the server: each chunk of bytes is held
 * for a delay (drawn per chunk, in order, so jitter never reorders a stream), and a test can cut the path and restore
 * it: cut closes every relayed connection and refuses new ones until restored.
 */
final class Relay implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final LongSupplier delayNanos;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "relay");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean up = true;

    /** A relay that forwards at once. */
    Relay(int target) {
        this(target, () -> 0);
    }

    /** A relay that holds each chunk, in each direction, for {@code delayNanos} (drawn anew for every chunk). */
    Relay(int target, LongSupplier delayNanos) {
        this.target = target;
        this.delayNanos = delayNanos;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    void cut() {
        up = false;
        sockets.forEach(Relay::closeQuietly);
        sockets.clear();
    }

    void restore() {
        up = true;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (!up) {
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                // The listener closed, or the target refused: the client sees its connection fail either way.
            }
        }
    }

    /** Reads on one thread and writes each chunk when its delay is over on another, so reading never waits on a delay. */
    private void pump(Socket from, Socket to) {
        BlockingQueue<Chunk> held = new LinkedBlockingQueue<>();
        threads.execute(() -> {
            long lastRelease = 0;
            try (InputStream in = from.getInputStream()) {
                byte[] buffer = new byte[65536];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    lastRelease = Math.max(System.nanoTime() + delayNanos.getAsLong(), lastRelease);
                    held.add(new Chunk(lastRelease, Arrays.copyOf(buffer, n)));
                }
            } catch (IOException e) {
                // One side went away.
            } finally {
                held.add(Chunk.END);
            }
        });
        threads.execute(() -> {
            try (OutputStream out = to.getOutputStream()) {
                for (Chunk chunk = held.take(); chunk != Chunk.END; chunk = held.take()) {
                    for (long wait = chunk.releaseNanos() - System.nanoTime(); wait > 0; wait = chunk.releaseNanos() - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    out.write(chunk.bytes());
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // One side went away.
            } finally {
                // Close both, as a broken network path would.
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private record Chunk(long releaseNanos, byte[] bytes) {
        static final Chunk END = new Chunk(0, new byte[0]);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cut();
        threads.shutdownNow();
    }
}
