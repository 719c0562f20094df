package io.lockstep.pattern;

import java.util.List;

/**
 * A room's pattern as an Automerge document (schema in docs/PROTOCOL.md).
 * Not thread-safe and holds native memory: exactly one owner uses it at a time and closes it when done.
 */
public final class PatternDocument implements AutoCloseable {

    /** A new room's document: the default kit, grown from the shared initial document bytes. */
    public static PatternDocument newRoom() {
        throw new UnsupportedOperationException("pattern helper implements");
    }

    /** Loads saved bytes; throws if they are not a Lockstep pattern document. */
    public static PatternDocument load(byte[] saved) throws PatternException {
        throw new UnsupportedOperationException("pattern helper implements");
    }

    public byte[] save() {
        throw new UnsupportedOperationException("pattern helper implements");
    }

    /** The current pattern (cached between changes). */
    public Pattern pattern() {
        throw new UnsupportedOperationException("pattern helper implements");
    }

    /** Current heads as lowercase hex change hashes. */
    public List<String> heads() {
        throw new UnsupportedOperationException("pattern helper implements");
    }

    /** Applies a local edit as one change; the delta carries the encoded change to broadcast. */
    public Delta edit(Edit edit) throws PatternException {
        throw new UnsupportedOperationException("pattern helper implements");
    }

    /**
     * Applies encoded changes from another replica. Garbage, changes that add nothing new, and changes whose
     * result breaks the schema are rejected with a PatternException and leave the document as it was.
     */
    public Delta applyChanges(byte[] changes) throws PatternException {
        throw new UnsupportedOperationException("pattern helper implements");
    }

    /** Encoded changes made since {@code heads} (hex hashes); everything when heads is empty. */
    public byte[] changesSince(List<String> heads) throws PatternException {
        throw new UnsupportedOperationException("pattern helper implements");
    }

    /** Starts Automerge's sync protocol with one peer (a reconnecting client). */
    public SyncSession startSync() {
        throw new UnsupportedOperationException("pattern helper implements");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("pattern helper implements");
    }
}
