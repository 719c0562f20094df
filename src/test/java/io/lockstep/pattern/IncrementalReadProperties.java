package io.lockstep.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiConsumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.automerge.AmValue;
import org.automerge.Document;
import org.automerge.ObjectId;
import org.automerge.ObjectType;
import org.automerge.Transaction;

/**
 * Validating a change by re-reading only the objects it wrote to decides exactly as reading the whole document
 * afresh does: the same verdict, the same pattern. The changes come from raw replicas that see the room's accepted
 * changes late, so they conflict; they replace tracks, steps lists, step maps and the tracks map itself, edit Text
 * names in place, write into objects readers ignore, and break the schema now and then.
 */
class IncrementalReadProperties {

    private static final int REPLICAS = 3;
    private static final int CHANGES = 60;

    @Property(tries = 25)
    void onlyWhatAChangeTouchedNeedsReading(@ForAll long seed) throws PatternException {
        Random random = new Random(seed);
        try (PatternDocument room = PatternDocument.newRoom()) {
            List<RawReplica> replicas = new ArrayList<>();
            List<Integer> seen = new ArrayList<>();
            for (int i = 0; i < REPLICAS; i++) {
                replicas.add(new RawReplica(room));
                seen.add(0);
            }
            List<byte[]> accepted = new ArrayList<>();
            for (int i = 0; i < CHANGES; i++) {
                int r = random.nextInt(REPLICAS);
                int catchUp = Math.min(accepted.size(), seen.get(r) + random.nextInt(4));
                accepted.subList(seen.get(r), catchUp).forEach(replicas.get(r).doc::applyEncodedChanges);
                seen.set(r, catchUp);
                byte[] change = replicas.get(r).change(randomWrite(random));
                if (change.length == 0) {
                    continue;
                }
                Optional<Pattern> expected = readAfresh(room, change);
                Pattern before = room.pattern();
                List<String> heads = room.heads();
                try {
                    room.applyChanges(change);
                    assertThat(expected).contains(room.pattern());
                    accepted.add(change);
                } catch (PatternException e) {
                    assertThat(e.code()).isEqualTo(PatternException.SCHEMA_VIOLATION);
                    assertThat(expected).isEmpty();
                    assertThat(room.heads()).isEqualTo(heads);
                    assertThat(room.pattern()).isEqualTo(before);
                    replicas.get(r).close(); // it holds a change the room refused: start it afresh, as a client would
                    replicas.set(r, new RawReplica(room));
                    seen.set(r, accepted.size());
                }
            }
            replicas.forEach(RawReplica::close);
        }
    }

    /** The pattern a whole-document read finds after the change, or empty if it breaks the schema. */
    private static Optional<Pattern> readAfresh(PatternDocument room, byte[] change) {
        Document mirror = Document.load(room.save());
        try {
            mirror.applyEncodedChanges(change);
            return Optional.of(PatternTree.read(mirror).layout().pattern());
        } catch (PatternException e) {
            return Optional.empty();
        } finally {
            mirror.free();
        }
    }

    private static BiConsumer<Transaction, ObjectId> randomWrite(Random r) {
        int kind = r.nextInt(14);
        int value = r.nextInt(20);
        int index = r.nextInt(Pattern.STEPS);
        int pick = r.nextInt(100);
        return (tx, tracks) -> {
            String[] ids = tx.keys(tracks).orElseThrow();
            if (ids.length == 0 || kind == 0) {
                writeTrack(tx, tx.set(tracks, "t" + value, ObjectType.MAP), value); // beyond 16 tracks: refused
                return;
            }
            String id = ids[pick % ids.length];
            ObjectId track = RawReplica.map(tx, tracks, id);
            ObjectId steps = ((AmValue.List) tx.get(track, "steps").orElseThrow()).getId();
            // A replica's own view may be a state the room never had: its delete of a step map the room had already
            // replaced was a no-op there, yet left it 15 steps. So index within the list it actually sees.
            int length = (int) tx.length(steps);
            if (length == 0) {
                tx.set(track, "muted", true);
                return;
            }
            switch (kind) {
                case 1, 2, 3 -> {
                    ObjectId step = stepAt(tx, steps, index % length);
                    tx.set(step, "on", value % 2 == 0);
                    tx.set(step, "velocity", value == 0 ? 500 : 100 + value);
                }
                case 4 -> tx.set(track, "volume", value / 10.0); // above 1.0: refused
                case 5 -> tx.set(track, "position", (double) value);
                case 6 -> tx.set(track, "name", value == 0 ? "" : "N" + value);
                case 7 -> {
                    ObjectId name = tx.set(track, "name", ObjectType.TEXT);
                    tx.spliceText(name, 0, 0, "Text" + value);
                }
                case 8 -> {
                    if (tx.get(track, "name").orElseThrow() instanceof AmValue.Text text) {
                        long chars = tx.text(text.getId()).orElseThrow().length();
                        tx.spliceText(text.getId(), 0, value == 0 ? chars : 0, value == 0 ? "" : "x");
                    } else {
                        tx.set(track, "muted", value % 2 == 0);
                    }
                }
                case 9 -> writeTrack(tx, tx.set(tracks, id, ObjectType.MAP), value);
                case 10 -> tx.delete(tracks, id);
                case 11 -> writeSteps(tx, tx.set(track, "steps", ObjectType.LIST), value == 0 ? 15 : 16);
                case 12 -> {
                    tx.delete(steps, index % length);
                    if (value != 0) { // else one step fewer: refused
                        writeStep(tx, tx.insert(steps, index % length, ObjectType.MAP), value);
                        tx.set(stepAt(tx, steps, (index + 1) % length), "velocity", value);
                    }
                }
                default -> {
                    if (value == 0) {
                        writeTrack(tx, tx.set(tx.set(ObjectId.ROOT, "tracks", ObjectType.MAP), id, ObjectType.MAP), 1);
                    } else {
                        Optional<AmValue> extra = tx.get(track, "extra");
                        ObjectId ignored = extra.isPresent() && extra.get() instanceof AmValue.Map m
                                ? m.getId() : tx.set(track, "extra", ObjectType.MAP);
                        tx.set(ignored, "velocity", 500); // readers ignore unknown keys and what is under them
                    }
                }
            }
        };
    }

    private static ObjectId stepAt(Transaction tx, ObjectId steps, int index) {
        return ((AmValue.Map) tx.get(steps, index).orElseThrow()).getId();
    }

    private static void writeTrack(Transaction tx, ObjectId map, int value) {
        tx.set(map, "name", "Track " + value);
        tx.set(map, "instrument", "synth_" + value);
        tx.set(map, "kind", value % 2 == 0 ? "drum" : "melodic");
        tx.set(map, "volume", 0.5);
        tx.set(map, "muted", false);
        tx.set(map, "position", (double) value);
        writeSteps(tx, tx.set(map, "steps", ObjectType.LIST), Pattern.STEPS);
    }

    private static void writeSteps(Transaction tx, ObjectId list, int count) {
        for (int i = 0; i < count; i++) {
            writeStep(tx, tx.insert(list, i, ObjectType.MAP), i);
        }
    }

    private static void writeStep(Transaction tx, ObjectId step, int value) {
        tx.set(step, "on", value % 3 == 0);
        tx.set(step, "velocity", 1 + value);
        tx.set(step, "note", 40 + value);
    }
}
