package io.lockstep.pattern;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.automerge.ObjectType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prints what a room document costs. Run with
 * {@code mvn -o -q test -Dtest=PatternBenchmark -Dgroups=benchmark -Dlockstep.excluded.groups=none}.
 */
@Tag("benchmark")
class PatternBenchmark {

    private static final int HISTORY = 10_000;
    private static final int REMOTE = 2_000;
    private static final int ROOMS = 100;

    @Test
    void toggleSizeAndApplyCostOnALongHistory() throws Exception {
        try (PatternDocument room = PatternDocument.newRoom();
             PatternDocument remote = PatternDocument.load(room.save())) {
            System.out.printf("one toggle change: %d bytes%n", room.edit(new Edit.ToggleStep("kick", 1)).changes().length);
            Random random = new Random(7);
            List<String> ids = room.pattern().tracks().stream().map(Track::id).toList();
            long t0 = System.nanoTime();
            for (int i = 0; i < HISTORY; i++) {
                byte[] change = room.edit(randomStepEdit(random, ids)).changes();
                if (change.length > 0) {
                    remote.applyChanges(change);
                }
            }
            long t1 = System.nanoTime();
            System.out.printf("local edit + remote apply, history 0-%d: %.1f us per change%n", HISTORY,
                    (t1 - t0) / 1e3 / HISTORY);
            List<byte[]> changes = new ArrayList<>();
            while (changes.size() < REMOTE) {
                byte[] change = room.edit(randomStepEdit(random, ids)).changes();
                if (change.length > 0) {
                    changes.add(change);
                }
            }
            long t2 = System.nanoTime();
            for (byte[] change : changes) {
                remote.applyChanges(change);
            }
            long t3 = System.nanoTime();
            System.out.printf("applyChanges (validate + delta) on a %d-change history: %.1f us per change%n",
                    HISTORY, (t3 - t2) / 1e3 / REMOTE);
            System.out.printf("saved size after %d changes: %d bytes%n", HISTORY + REMOTE, remote.save().length);

            try (RawReplica raw = new RawReplica(remote)) {
                byte[] bad = raw.change((tx, tracks) -> tx.set(RawReplica.map(tx, tracks, "kick"), "steps", ObjectType.LIST));
                long t4 = System.nanoTime();
                try {
                    remote.applyChanges(bad);
                } catch (PatternException expected) {
                    long t5 = System.nanoTime();
                    System.out.printf("rejecting a schema-violating change (rollback by fork at heads): %.1f ms%n",
                            (t5 - t4) / 1e6);
                }
            }
        }
    }

    @Test
    void memoryPerIdleRoom() throws Exception {
        List<PatternDocument> warm = new ArrayList<>();
        warm.add(PatternDocument.newRoom());
        long heap0 = usedHeap();
        long rss0 = rssKb();
        List<PatternDocument> rooms = new ArrayList<>();
        for (int i = 0; i < ROOMS; i++) {
            PatternDocument room = PatternDocument.newRoom();
            room.edit(new Edit.ToggleStep("kick", 1));
            rooms.add(room);
        }
        long heap1 = usedHeap();
        long rss1 = rssKb();
        System.out.printf("per idle room (fresh kit + one edit): heap %.1f KB, RSS %.1f KB (heap delta and "
                + "/proc/self/status VmRSS delta over %d rooms)%n", (heap1 - heap0) / 1024.0 / ROOMS,
                (rss1 - rss0) / (double) ROOMS, ROOMS);
        rooms.forEach(PatternDocument::close);
        warm.forEach(PatternDocument::close);
    }

    private static Edit randomStepEdit(Random random, List<String> ids) {
        String id = ids.get(random.nextInt(ids.size()));
        int step = random.nextInt(Pattern.STEPS);
        return random.nextBoolean() ? new Edit.ToggleStep(id, step) : new Edit.SetVelocity(id, step, 1 + random.nextInt(127));
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long rssKb() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElseThrow();
    }
}
