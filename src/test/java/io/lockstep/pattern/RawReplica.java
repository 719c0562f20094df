package io.lockstep.pattern;

import java.util.function.BiConsumer;
import org.automerge.AmValue;
import org.automerge.ChangeHash;
import org.automerge.Document;
import org.automerge.ObjectId;
import org.automerge.Transaction;

/** A bare Automerge replica of a room, for writing what the PatternDocument API would never write. */
final class RawReplica implements AutoCloseable {

    final Document doc;

    RawReplica(PatternDocument room) {
        doc = Document.load(room.save());
    }

    /** Commits one change made by {@code write} (given the transaction and the tracks map) and returns its bytes. */
    byte[] change(BiConsumer<Transaction, ObjectId> write) {
        ChangeHash[] before = doc.getHeads();
        try (Transaction tx = doc.startTransaction()) {
            write.accept(tx, ((AmValue.Map) tx.get(ObjectId.ROOT, "tracks").orElseThrow()).getId());
            tx.commit();
        }
        return doc.encodeChangesSince(before);
    }

    static ObjectId map(Transaction tx, ObjectId parent, String key) {
        return ((AmValue.Map) tx.get(parent, key).orElseThrow()).getId();
    }

    static ObjectId step(Transaction tx, ObjectId tracks, String trackId, int index) {
        ObjectId steps = ((AmValue.List) tx.get(map(tx, tracks, trackId), "steps").orElseThrow()).getId();
        return ((AmValue.Map) tx.get(steps, index).orElseThrow()).getId();
    }

    @Override
    public void close() {
        doc.free();
    }
}
