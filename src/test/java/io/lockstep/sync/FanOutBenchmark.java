package io.lockstep.sync;

import io.lockstep.engine.FrameParts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Edit fan-out under load: ROOMS rooms of MEMBERS members (one socket each), every member toggling a step about
 * once a second. Prints the latency from a member's send to each other member's receipt (p50/p99/max) and the
 * bytes on the wire per toggle per recipient. Run: see BENCHMARKS.md.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FanOutBenchmark {

    private static final int ROOMS = Integer.getInteger("rooms", 100);
    private static final int MEMBERS = Integer.getInteger("members", 16);
    private static final int SECONDS = Integer.getInteger("seconds", 30);
    private static final int WARMUP_SECONDS = 5;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    /** Send time of each change in flight, keyed by its bytes, so any receiver can find it. */
    private final Map<ByteBuffer, Long> sentAt = new ConcurrentHashMap<>();
    private final List<long[]> latencies = new ArrayList<>();
    private final AtomicLong wireBytes = new AtomicLong();
    private final AtomicLong receipts = new AtomicLong();
    private volatile boolean measuring;

    @Test
    void fanOut() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<Bot> bots = new ArrayList<>();
        for (int r = 0; r < ROOMS; r++) {
            Bot first = Bot.connect(http, port, this, "{\"type\":\"CREATE\",\"name\":\"bot\"}");
            bots.add(first);
            for (int m = 1; m < MEMBERS; m++) {
                bots.add(Bot.connect(http, port, this, "{\"type\":\"JOIN\",\"room\":\"" + first.room() + "\",\"name\":\"bot" + m + "\"}"));
            }
        }
        System.out.printf("connected %d sockets in %d rooms%n", bots.size(), ROOMS);

        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        for (Bot bot : bots) {
            clock.scheduleAtFixedRate(bot::toggle, ThreadLocalRandom.current().nextLong(1_000_000), 1_000_000, TimeUnit.MICROSECONDS);
        }
        TimeUnit.SECONDS.sleep(WARMUP_SECONDS);
        measuring = true;
        TimeUnit.SECONDS.sleep(SECONDS);
        measuring = false;
        clock.shutdownNow();
        bots.forEach(Bot::close);

        long[] all;
        synchronized (latencies) {
            all = latencies.stream().flatMapToLong(Arrays::stream).toArray();
        }
        Arrays.sort(all);
        System.out.printf("fan-out latency over %d s, %d receipts: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                SECONDS, all.length, at(all, 0.50), at(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
        System.out.printf("bytes on the wire per toggle per recipient: %.1f%n", wireBytes.get() / (double) receipts.get());
    }

    private static double at(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }

    void received(byte[] frame) {
        long now = System.nanoTime();
        Long sent = sentAt.get(ByteBuffer.wrap(frame, 1, frame.length - 1));
        if (sent != null && measuring) {
            synchronized (latencies) {
                latencies.add(new long[]{now - sent});
            }
            // Server-to-client frames under 126 bytes carry a 2-byte header, longer ones 4.
            wireBytes.addAndGet(frame.length + (frame.length < 126 ? 2 : 4));
            receipts.incrementAndGet();
        }
    }

    /** One member: its replica makes real toggles; it records when others' changes arrive. */
    static final class Bot implements WebSocket.Listener {
        private final FanOutBenchmark bench;
        private final CountDownLatch welcomed = new CountDownLatch(2);
        private final AtomicReference<String> room = new AtomicReference<>();
        private final FrameParts parts = new FrameParts();
        private Replica replica;
        private WebSocket socket;
        private int seq;

        private Bot(FanOutBenchmark bench) {
            this.bench = bench;
        }

        static Bot connect(HttpClient http, int port, FanOutBenchmark bench, String hello) throws Exception {
            Bot bot = new Bot(bench);
            bot.socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), bot).join();
            bot.socket.sendText(hello, true).join();
            if (!bot.welcomed.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("not welcomed");
            }
            return bot;
        }

        String room() {
            return room.get();
        }

        synchronized void toggle() {
            int step = ThreadLocalRandom.current().nextInt(16);
            String track = List.of("kick", "snare", "hat", "bass").get(ThreadLocalRandom.current().nextInt(4));
            byte[] change = replica.setOn(track, step, !replica.isOn(track, step));
            bench.sentAt.put(ByteBuffer.wrap(change), System.nanoTime());
            socket.sendBinary(ByteBuffer.allocate(5 + change.length).put((byte) 1).putInt(++seq).put(change).flip(), true);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            parts.text(data, last).map(JSON::readTree).filter(json -> "JOINED".equals(json.path("type").asString()))
                    .ifPresent(json -> {
                        room.set(json.path("room").asString());
                        welcomed.countDown();
                    });
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            parts.binary(data, last).ifPresent(frame -> {
                if (frame[0] == 2) {
                    synchronized (this) {
                        replica = new Replica(Arrays.copyOfRange(frame, 1, frame.length));
                    }
                    welcomed.countDown();
                } else {
                    bench.received(frame);
                }
            });
            ws.request(1);
            return null;
        }

        void close() {
            socket.abort();
            synchronized (this) {
                replica.close();
            }
        }
    }
}
