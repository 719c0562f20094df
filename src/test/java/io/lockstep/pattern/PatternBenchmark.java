package io.lockstep.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.automerge.ObjectId;
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
    private static final int MEMBERS = 4;
    private static final List<String> DEFAULT_KIT_IDS = List.of("kick", "snare", "hat", "bass");

    @Test
    void toggleSizeAndApplyCostOnALongHistory() throws Exception {
        try (PatternDocument room = PatternDocument.newRoom();
             PatternDocument remote = PatternDocument.load(room.save())) {
            byte[] toggle = room.edit(new Edit.ToggleStep("kick", 1)).changes();
            System.out.printf("one toggle change: %d bytes%n", toggle.length);
            remote.applyChanges(toggle); // without it every later change would wait for this one, never applied
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
            try (PatternDocument loaded = PatternDocument.load(remote.save())) {
                List<byte[]> changes = new ArrayList<>();
                long editNanos = 0;
                int edits = 0;
                while (changes.size() < REMOTE) {
                    Edit edit = randomStepEdit(random, ids);
                    long e0 = System.nanoTime();
                    byte[] change = room.edit(edit).changes();
                    editNanos += System.nanoTime() - e0;
                    edits++;
                    if (change.length > 0) {
                        changes.add(change);
                    }
                }
                System.out.printf("local edit on a %d-change history: %.1f us per edit%n", HISTORY,
                        editNanos / 1e3 / edits);
                // Interleaved so that both documents see the same machine load.
                long inMemory = 0;
                long fromBytes = 0;
                for (byte[] change : changes) {
                    long a0 = System.nanoTime();
                    remote.applyChanges(change);
                    long a1 = System.nanoTime();
                    loaded.applyChanges(change);
                    inMemory += a1 - a0;
                    fromBytes += System.nanoTime() - a1;
                }
                System.out.printf("applyChanges (validate + delta) on a %d-change history: %.1f us per change in "
                        + "memory, %.1f us loaded from saved bytes%n", HISTORY, inMemory / 1e3 / REMOTE,
                        fromBytes / 1e3 / REMOTE);
                assertThat(loaded.heads()).isEqualTo(room.heads());
            }
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

    /**
     * Members who see each other's edits one round late, as over a real network: the room's heads are concurrent
     * most of the time, which is when Automerge's encodeChangesSince falls back to walking the whole history.
     */
    @Test
    void concurrentMembersOnALongHistory() throws Exception {
        try (PatternDocument room = PatternDocument.newRoom()) {
            List<RawReplica> members = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                members.add(new RawReplica(room));
            }
            Random random = new Random(11);
            List<byte[]> late = List.of();
            int applied = 0;
            while (applied < HISTORY) {
                List<byte[]> round = concurrentRound(members, late, random);
                for (byte[] change : round) {
                    room.applyChanges(change);
                }
                applied += round.size();
                late = round;
            }
            try (PatternDocument loaded = PatternDocument.load(room.save())) {
                long inMemory = 0;
                long fromBytes = 0;
                int measured = 0;
                while (measured < REMOTE) {
                    List<byte[]> round = concurrentRound(members, late, random);
                    for (byte[] change : round) {
                        long a0 = System.nanoTime();
                        room.applyChanges(change);
                        long a1 = System.nanoTime();
                        loaded.applyChanges(change);
                        inMemory += a1 - a0;
                        fromBytes += System.nanoTime() - a1;
                    }
                    measured += round.size();
                    late = round;
                }
                System.out.printf("applyChanges from %d members seeing each other one round late, on a %d-change "
                        + "history: %.1f us per change in memory, %.1f us loaded from saved bytes%n", MEMBERS,
                        applied, inMemory / 1e3 / measured, fromBytes / 1e3 / measured);
                assertThat(loaded.heads()).isEqualTo(room.heads());
            }
            members.forEach(RawReplica::close);
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

    /**
     * Every member sets one step field, having received only the previous round from the others. Setting a value
     * a field already has makes no change, so a round may hold fewer changes than members.
     */
    private static List<byte[]> concurrentRound(List<RawReplica> members, List<byte[]> late, Random random) {
        List<byte[]> round = new ArrayList<>();
        for (RawReplica member : members) {
            for (byte[] change : late) {
                member.doc.applyEncodedChanges(change);
            }
            String id = DEFAULT_KIT_IDS.get(random.nextInt(DEFAULT_KIT_IDS.size()));
            int index = random.nextInt(Pattern.STEPS);
            boolean on = random.nextBoolean();
            int velocity = 1 + random.nextInt(127);
            byte[] change = member.change((tx, tracks) -> {
                ObjectId step = RawReplica.step(tx, tracks, id, index);
                if (on) {
                    tx.set(step, "on", random.nextBoolean());
                } else {
                    tx.set(step, "velocity", velocity);
                }
            });
            if (change.length > 0) {
                round.add(change);
            }
        }
        return round;
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
