package io.lockstep.clock;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP relay on loopback that delays what it forwards: each chunk read in one direction is written out after a
 * delay drawn from that direction's distribution, but never before the chunk ahead of it (a TCP stream keeps its
 * order, so a slow packet holds up the ones behind it, as on a real link). One connection at a time.
 */
final class DelayingRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final SimulatedNetwork.Delay up;
    private final SimulatedNetwork.Delay down;
    private final long seed;
    private volatile Socket client;
    private volatile Socket server;

    DelayingRelay(int targetPort, SimulatedNetwork.Delay up, SimulatedNetwork.Delay down, long seed) throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.up = up;
        this.down = down;
        this.seed = seed;
        Thread.ofPlatform().daemon().name("relay-accept").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        try {
            client = listener.accept();
            server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            pipe("relay-up", client, server, up, new Random(seed));
            pipe("relay-down", server, client, down, new Random(~seed));
        } catch (IOException e) {
            // Closed before a client came: nothing to relay.
        }
    }

    private record Chunk(byte[] bytes, long releaseNanos) {
    }

    private static void pipe(String name, Socket from, Socket to, SimulatedNetwork.Delay delay, Random random) throws IOException {
        LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread.ofPlatform().daemon().name(name + "-read").start(() -> {
            byte[] buffer = new byte[64 * 1024];
            long lastRelease = 0;
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    long release = Math.max(lastRelease, System.nanoTime() + delay.next(random) * 1_000L);
                    lastRelease = release;
                    queue.add(new Chunk(Arrays.copyOf(buffer, n), release));
                }
            } catch (IOException e) {
                // The socket closed: stop reading.
            }
            queue.add(new Chunk(new byte[0], lastRelease));
        });
        Thread.ofPlatform().daemon().name(name + "-write").start(() -> {
            try {
                for (Chunk c = queue.take(); c.bytes().length > 0; c = queue.take()) {
                    for (long wait; (wait = c.releaseNanos() - System.nanoTime()) > 0; ) {
                        LockSupport.parkNanos(wait);
                    }
                    out.write(c.bytes());
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException | InterruptedException e) {
                // Either end went away: the relay is done.
            }
        });
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : new Socket[] {client, server}) {
            if (s != null) {
                s.close();
            }
        }
    }
}
