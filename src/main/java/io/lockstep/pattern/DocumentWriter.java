package io.lockstep.pattern;

import java.util.Objects;
import org.automerge.ObjectId;
import org.automerge.ObjectType;
import org.automerge.Transaction;

/**
 * Writes the difference between the document's layout and a new one into a transaction: only fields whose value
 * changes are written, so concurrent edits to other fields survive. The objects to write to come from the tree,
 * not from lookups in the document. Integers are written as Int, volume and position as F64, strings as scalar
 * strings (an existing Text name is replaced by a scalar).
 */
final class DocumentWriter {

    private DocumentWriter() {
    }

    /** Writes the root of a new document: the schema version and an empty track map. */
    static void writeRoot(Transaction tx) {
        tx.set(ObjectId.ROOT, "schema", DocumentReader.SCHEMA_VERSION);
        tx.set(ObjectId.ROOT, "tracks", ObjectType.MAP);
    }

    static void write(Transaction tx, PatternTree tree, Layout after) {
        Layout before = tree.layout();
        ObjectId tracks = tree.tracks();
        for (String id : before.tracks().keySet()) {
            if (!after.tracks().containsKey(id)) {
                tx.delete(tracks, id);
            }
        }
        for (Placed placed : after.tracks().values()) {
            Placed old = before.tracks().get(placed.id());
            if (old == null) {
                add(tx, tracks, placed);
            } else if (!old.equals(placed)) {
                update(tx, tree.node(placed.id()), old, placed);
            }
        }
    }

    private static void add(Transaction tx, ObjectId tracks, Placed placed) {
        Track t = placed.track();
        ObjectId map = tx.set(tracks, t.id(), ObjectType.MAP);
        tx.set(map, "name", t.name());
        tx.set(map, "instrument", t.instrument());
        tx.set(map, "kind", t.kind().wireName());
        tx.set(map, "volume", t.volume());
        tx.set(map, "muted", t.muted());
        tx.set(map, "position", placed.position());
        ObjectId steps = tx.set(map, "steps", ObjectType.LIST);
        for (int i = 0; i < Pattern.STEPS; i++) {
            ObjectId step = tx.insert(steps, i, ObjectType.MAP);
            tx.set(step, "on", t.step(i).on());
            tx.set(step, "velocity", t.step(i).velocity());
            tx.set(step, "note", t.step(i).note());
        }
    }

    private static void update(Transaction tx, TrackNode node, Placed old, Placed now) {
        ObjectId map = node.map();
        Track a = old.track();
        Track b = now.track();
        if (!a.name().equals(b.name())) {
            tx.set(map, "name", b.name());
        }
        if (!a.instrument().equals(b.instrument())) {
            tx.set(map, "instrument", b.instrument());
        }
        if (Double.compare(a.volume(), b.volume()) != 0) {
            tx.set(map, "volume", b.volume());
        }
        if (a.muted() != b.muted()) {
            tx.set(map, "muted", b.muted());
        }
        if (Double.compare(old.position(), now.position()) != 0) {
            tx.set(map, "position", now.position());
        }
        for (int i = 0; i < Pattern.STEPS; i++) {
            Step x = a.step(i);
            Step y = b.step(i);
            if (Objects.equals(x, y)) {
                continue;
            }
            ObjectId step = node.stepMap(i);
            if (x.on() != y.on()) {
                tx.set(step, "on", y.on());
            }
            if (x.velocity() != y.velocity()) {
                tx.set(step, "velocity", y.velocity());
            }
            if (x.note() != y.note()) {
                tx.set(step, "note", y.note());
            }
        }
    }
}
