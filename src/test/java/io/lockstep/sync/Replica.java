package io.lockstep.sync;

import org.automerge.AmValue;
import org.automerge.ChangeHash;
import org.automerge.Document;
import org.automerge.ObjectId;
import org.automerge.SyncState;
import org.automerge.Transaction;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A client's replica for tests, written against the documented schema with raw Automerge calls
 * (not Lockstep's own PatternDocument), so the tests check the protocol as an outside client sees it.
 */
final class Replica implements AutoCloseable {

    private final Document doc;

    Replica(byte[] saved) {
        this.doc = Document.load(saved);
    }

    /** An independent copy with the same history, for changes this replica should not keep. */
    Replica copy() {
        return new Replica(doc.save());
    }

    /** Sets {@code tracks[trackId].steps[step].on} and returns the encoded change. */
    byte[] setOn(String trackId, int step, boolean on) {
        return change(tx -> tx.set(stepObject(trackId, step), "on", on));
    }

    /** Writes any value straight into a step, valid or not, and returns the encoded change. */
    byte[] setStepField(String trackId, int step, String field, int value) {
        return change(tx -> tx.set(stepObject(trackId, step), field, value));
    }

    /** Deletes the whole tracks map: applies fine as a CRDT change, but breaks the schema. */
    byte[] deleteTracks() {
        return change(tx -> tx.delete(ObjectId.ROOT, "tracks"));
    }

    byte[] change(java.util.function.Consumer<Transaction> edit) {
        ChangeHash[] before = doc.getHeads();
        Transaction tx = doc.startTransaction();
        edit.accept(tx);
        tx.commit();
        return doc.encodeChangesSince(before);
    }

    void apply(byte[] changes) {
        doc.applyEncodedChanges(changes);
    }

    boolean isOn(String trackId, int step) {
        return ((AmValue.Bool) doc.get(stepObject(trackId, step), "on").orElseThrow()).getValue();
    }

    List<String> heads() {
        return Arrays.stream(doc.getHeads()).map(h -> HexFormat.of().formatHex(h.getBytes())).sorted().toList();
    }

    Optional<byte[]> syncMessage(SyncState state) {
        return doc.generateSyncMessage(state);
    }

    void receiveSync(SyncState state, byte[] message) {
        doc.receiveSyncMessage(state, message);
    }

    private ObjectId stepObject(String trackId, int step) {
        ObjectId tracks = ((AmValue.Map) doc.get(ObjectId.ROOT, "tracks").orElseThrow()).getId();
        ObjectId track = ((AmValue.Map) doc.get(tracks, trackId).orElseThrow()).getId();
        ObjectId steps = ((AmValue.List) doc.get(track, "steps").orElseThrow()).getId();
        return ((AmValue.Map) doc.get(steps, step).orElseThrow()).getId();
    }

    @Override
    public void close() {
        doc.free();
    }
}
