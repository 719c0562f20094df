package io.lockstep.engine;

import com.illposed.osc.OSCBadDataEvent;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacket;
import com.illposed.osc.OSCPacketEvent;
import com.illposed.osc.OSCPacketListener;
import com.illposed.osc.OSCSerializeException;
import com.illposed.osc.OSCSerializerAndParserBuilder;
import com.illposed.osc.transport.OSCPortIn;
import com.illposed.osc.transport.OSCPortOut;
import io.lockstep.schedule.Bundle;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A client of one scsynth over UDP. scsynth answers to the port a request came from, so requests leave from a
 * fixed local port and replies are read on that same port.
 */
public final class Scsynth implements AutoCloseable {

    /** A node id for the silent trial note, far above the ids scsynth assigns to notes sent with id -1. */
    private static final int TRIAL_NODE = 999_999;

    private final InetSocketAddress server;
    private final int out;
    private final OSCPortOut sender;
    private final OSCPortIn receiver;
    private final BlockingQueue<OSCMessage> replies = new LinkedBlockingQueue<>();

    private Scsynth(InetSocketAddress server, InetSocketAddress local, int out) throws IOException {
        this.server = server;
        this.out = out;
        OSCSerializerAndParserBuilder osc = new OSCSerializerAndParserBuilder();
        this.sender = new OSCPortOut(osc, server, local);
        this.receiver = new OSCPortIn(osc, List.of(new Replies()), local);
        receiver.setDaemonListener(true);
        receiver.startListening();
    }

    /**
     * Opens a client of the scsynth at {@code server}, talking from {@code localPort} (0: a free one); notes go to
     * audio bus {@code out} (0: the first hardware output). Does not check that scsynth runs: call {@link #status}.
     */
    public static Scsynth connect(InetSocketAddress server, int localPort, int out) {
        InetSocketAddress local = new InetSocketAddress(server.getAddress(), localPort == 0 ? freeUdpPort() : localPort);
        try {
            return new Scsynth(server, local, out);
        } catch (IOException e) {
            throw new EngineException("cannot open UDP port " + local + " to talk to scsynth at " + hostPort(server), e);
        }
    }

    /** A UDP port free now. One port must both send and receive, and javaosc's two sockets cannot share an ephemeral one. */
    static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EngineException("cannot find a free UDP port to talk to scsynth from", e);
        }
    }

    /** Asks scsynth how it is; fails with a clear message when nothing answers, e.g. scsynth is not running. */
    public synchronized Status status(Duration timeout) {
        replies.clear();
        send(new OSCMessage("/status"));
        List<Object> a = await(m -> m.getAddress().equals("/status.reply"), timeout,
                "scsynth is not running or not reachable at " + address() + ": no /status reply within " + timeout.toMillis() + " ms")
                .getArguments();
        return new Status(number(a, 1).intValue(), number(a, 2).intValue(), number(a, 3).intValue(), number(a, 4).intValue(),
                number(a, 5).floatValue(), number(a, 6).floatValue(), number(a, 7).doubleValue());
    }

    /**
     * Loads a compiled synthdef and waits until scsynth can play it. scsynth answers {@code /done} even to a synthdef
     * using a UGen it lacks (it only logs the error), so a silent trial note proves it: it fails if the synthdef did not load.
     */
    public synchronized void load(String name, byte[] synthdef, Duration timeout) {
        replies.clear();
        send(new OSCMessage("/d_recv", List.of(ByteBuffer.wrap(synthdef))));
        OSCMessage loaded = await(m -> isReplyTo(m, "/d_recv"), timeout,
                "scsynth at " + address() + " did not confirm loading instrument " + name + " within " + timeout.toMillis() + " ms");
        if (loaded.getAddress().equals("/fail")) {
            throw new EngineException("scsynth at " + address() + " cannot load instrument " + name + ": " + loaded.getArguments());
        }
        int node = TRIAL_NODE;
        send(new OSCMessage("/s_new", List.of(name, node, 0, 0, "amp", 0.0f)));
        send(new OSCMessage("/n_free", List.of(node)));
        send(new OSCMessage("/sync", List.of(node)));
        OSCMessage trial = await(m -> m.getAddress().equals("/synced") || isReplyTo(m, "/s_new"), timeout,
                "scsynth at " + address() + " did not answer /sync after loading instrument " + name);
        if (trial.getAddress().equals("/fail")) {
            throw new EngineException("scsynth at " + address() + " took instrument " + name
                    + " but cannot play it, most likely a UGen it lacks (its log names it): " + trial.getArguments());
        }
    }

    /** Where this scsynth listens, as HOST:PORT. */
    String address() {
        return hostPort(server);
    }

    private static String hostPort(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    /** Sends one step's notes, to start at the bundle's time tag. */
    public void play(Bundle bundle) {
        send(BundleCodec.encode(bundle, out));
    }

    void send(OSCPacket packet) {
        try {
            sender.send(packet);
        } catch (IOException | OSCSerializeException e) {
            throw new EngineException("cannot send to scsynth at " + address(), e);
        }
    }

    private OSCMessage await(Predicate<OSCMessage> wanted, Duration timeout, String failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                OSCMessage reply = replies.poll(left, TimeUnit.NANOSECONDS);
                if (reply != null && wanted.test(reply)) {
                    return reply;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for scsynth at " + address(), e);
        }
        throw new EngineException(failure);
    }

    private static boolean isReplyTo(OSCMessage m, String command) {
        return (m.getAddress().equals("/done") || m.getAddress().equals("/fail"))
                && !m.getArguments().isEmpty() && command.equals(m.getArguments().getFirst());
    }

    private static Number number(List<Object> arguments, int index) {
        return (Number) arguments.get(index);
    }

    @Override
    public void close() {
        receiver.stopListening();
        try {
            receiver.close();
            sender.close();
        } catch (IOException e) {
            throw new EngineException("cannot close the UDP port to scsynth at " + address(), e);
        }
    }

    private final class Replies implements OSCPacketListener {
        @Override
        public void handlePacket(OSCPacketEvent event) {
            if (event.getPacket() instanceof OSCMessage message) {
                replies.add(message);
            }
        }

        @Override
        public void handleBadData(OSCBadDataEvent event) {
            // scsynth only sends well-formed OSC; anything else on this port is not ours to answer.
        }
    }
}
