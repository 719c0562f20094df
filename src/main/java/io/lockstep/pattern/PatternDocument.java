package io.lockstep.pattern;

import static io.lockstep.pattern.PatternException.BAD_CHANGE;
import static io.lockstep.pattern.PatternException.BAD_DOCUMENT;
import static io.lockstep.pattern.PatternException.BAD_SYNC;
import static io.lockstep.pattern.PatternException.NO_NEW_CHANGE;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.automerge.ChangeHash;
import org.automerge.Document;
import org.automerge.ObjectId;
import org.automerge.SyncState;
import org.automerge.Transaction;

/**
 * A room's pattern as an Automerge document (schema in docs/PROTOCOL.md, section 6).
 * Not thread-safe and holds native memory: exactly one owner uses it at a time and closes it when done.
 *
 * <p>Remote changes are applied in place, then the objects they wrote to are re-read and validated (PatternTree);
 * the hot path never saves or forks. A rejected payload is rolled back by forking at the heads from before it (same
 * actor), which costs time proportional to the history but happens only for bad payloads. Patch logs are not used:
 * automerge-java 0.0.7 aborts the JVM when a patch flags a conflict (PatchAction.FlagConflict does not extend
 * PatchAction), which two members writing the same field concurrently trigger.
 *
 * <p>The changes a payload applied are, when they can be, the payload itself (ChangeSummary.isExactly) rather than
 * encodeChangesSince: whenever the document's heads are concurrent, which is most of the time in a busy room, that
 * call walks the whole history (milliseconds at 10k changes).
 */
public final class PatternDocument implements AutoCloseable {

    private static final String DEFAULT_KIT = "default-kit.automerge";
    private static final byte[] NO_CHANGES = new byte[0];

    private Document doc;
    /** Cached because every change needs them and only this class changes the document. */
    private ChangeHash[] heads;
    private PatternTree tree;
    private Pattern pattern;
    private final List<AutomergeSyncSession> sessions = new ArrayList<>();
    private boolean closed;

    private PatternDocument(Document doc, PatternTree tree) {
        this.doc = doc;
        this.heads = doc.getHeads();
        this.tree = tree;
        this.pattern = tree.layout().pattern();
    }

    /** A new room's document: the default kit, grown from the shared initial document bytes, with a fresh actor. */
    public static PatternDocument newRoom() {
        try (InputStream in = PatternDocument.class.getResourceAsStream(DEFAULT_KIT)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + DEFAULT_KIT);
            }
            return load(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (PatternException e) {
            throw new IllegalStateException("the bundled default kit is not a valid pattern", e);
        }
    }

    /** Loads saved bytes (with a fresh actor id); throws BAD_DOCUMENT if they are not a Lockstep pattern document. */
    public static PatternDocument load(byte[] saved) throws PatternException {
        Document doc;
        try {
            doc = Document.load(saved);
        } catch (RuntimeException e) {
            throw new PatternException(BAD_DOCUMENT, "not an Automerge document: " + e.getMessage());
        }
        try {
            return new PatternDocument(doc, PatternTree.read(doc));
        } catch (PatternException e) {
            doc.free();
            throw new PatternException(BAD_DOCUMENT, "not a Lockstep pattern: " + e.getMessage());
        }
    }

    public byte[] save() {
        return open().save();
    }

    /** The current pattern (cached between changes). */
    public Pattern pattern() {
        open();
        return pattern;
    }

    /** Current heads as lowercase hex change hashes. */
    public List<String> heads() {
        open();
        return HexHash.format(heads);
    }

    /**
     * Applies a local edit as one change; the delta carries the encoded change to broadcast. An edit that changes
     * nothing (renaming to the same name, moving to where the track is) makes no change: empty bytes, unchanged delta.
     */
    public Delta edit(Edit edit) throws PatternException {
        Document d = open();
        Layout next = Edits.apply(tree.layout(), edit);
        if (next.equals(tree.layout())) {
            return Delta.none(pattern);
        }
        Optional<ChangeHash> head;
        try (Transaction tx = d.startTransaction()) {
            DocumentWriter.write(tx, tree, next);
            head = tx.commit();
        }
        if (head.isEmpty()) { // Automerge skipped every write as setting a value the field already had
            return Delta.none(pattern);
        }
        // A local change depends on all heads, so it is the only head now; encodeChangesSince is quick here.
        byte[] change = d.encodeChangesSince(heads);
        return advance(new ChangeHash[] {head.get()}, change, objectsWrittenBy(change));
    }

    /**
     * Applies encoded changes from another replica. Garbage, changes that add nothing new, and changes whose
     * result breaks the schema are rejected with a PatternException and leave the document as it was.
     * Changes whose dependencies have not arrived are held by Automerge and yield an empty delta; they are applied,
     * validated and included in the delta of the payload that completes them.
     */
    public Delta applyChanges(byte[] changes) throws PatternException {
        Document d = open();
        Optional<Delta> delta;
        try {
            delta = integrate(() -> d.applyEncodedChanges(changes), changes, onlyChange(changes));
        } catch (RuntimeException e) {
            throw new PatternException(BAD_CHANGE, "Automerge refused the changes: " + e.getMessage());
        }
        if (delta.isPresent()) {
            return delta.get();
        }
        for (byte[] hash : ChangeChunks.changeHashes(changes)) {
            if (!known(d, hash)) {
                return Delta.none(pattern);
            }
        }
        throw new PatternException(NO_NEW_CHANGE, "the document already has every change in the payload");
    }

    /** Encoded changes made since {@code heads} (hex hashes); everything when heads is empty or unknown. */
    public byte[] changesSince(List<String> heads) throws PatternException {
        ChangeHash[] since = HexHash.parse(heads);
        return open().encodeChangesSince(since);
    }

    /** Starts Automerge's sync protocol with one peer (a reconnecting client). */
    public SyncSession startSync() {
        open();
        AutomergeSyncSession session = new AutomergeSyncSession(this);
        sessions.add(session);
        return session;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List.copyOf(sessions).forEach(AutomergeSyncSession::close);
        doc.free();
    }

    Optional<byte[]> generateSyncMessage(SyncState state) {
        return open().generateSyncMessage(state);
    }

    Delta receiveSyncMessage(SyncState state, byte[] message) throws PatternException {
        Document d = open();
        try {
            return integrate(() -> d.receiveSyncMessage(state, message), NO_CHANGES, Optional.empty())
                    .orElseGet(() -> Delta.none(pattern));
        } catch (RuntimeException e) {
            throw new PatternException(BAD_SYNC, "not a sync message: " + e.getMessage());
        }
    }

    void forget(AutomergeSyncSession session) {
        sessions.remove(session);
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Applies remote changes and validates the result. Empty if no change was applied; on a schema violation (or a
     * failure after changes went in) the document is restored and the error rethrown. {@code single} is the
     * payload's change when it holds exactly one: if that is all that was applied, the payload is the delta.
     */
    private Optional<Delta> integrate(Runnable apply, byte[] payload, Optional<ChangeSummary> single)
            throws PatternException {
        ChangeHash[] before = heads;
        try {
            apply.run();
        } catch (RuntimeException e) {
            if (!Arrays.equals(before, doc.getHeads())) {
                rollback(before);
            }
            throw e;
        }
        ChangeHash[] after = doc.getHeads();
        if (Arrays.equals(before, after)) {
            return Optional.empty();
        }
        if (single.isPresent() && single.get().isExactly(before, after)) {
            return Optional.of(advance(after, payload, Optional.of(single.get().objects())));
        }
        byte[] applied = doc.encodeChangesSince(before);
        return Optional.of(advance(after, applied, objectsWrittenBy(applied)));
    }

    /**
     * Re-reads what the changes just made touched; on a schema violation restores the document to the heads from
     * before them and rethrows.
     */
    private Delta advance(ChangeHash[] after, byte[] changes, Optional<Set<String>> touched) throws PatternException {
        PatternTree next;
        try {
            next = tree.refresh(doc, touched);
        } catch (PatternException e) {
            rollback(heads);
            throw e;
        }
        Pattern before = pattern;
        Set<String> moved = tree.layout().repositioned(next.layout());
        heads = after;
        if (next != tree) {
            tree = next;
            pattern = next.layout().pattern();
        }
        return new Delta(changes, before, pattern, moved);
    }

    /** What Automerge-encoded changes wrote to; empty (anything) if they cannot be decoded, which should not happen. */
    private static Optional<Set<String>> objectsWrittenBy(byte[] changes) {
        try {
            return ChangeSummary.objectsOf(ChangeChunks.split(changes));
        } catch (PatternException e) {
            return Optional.empty();
        }
    }

    /** The payload's change if it holds exactly one (and nothing else); empty for anything else, garbage included. */
    private static Optional<ChangeSummary> onlyChange(byte[] payload) {
        try {
            List<ChangeChunks.Chunk> chunks = ChangeChunks.split(payload);
            return chunks.size() == 1 ? ChangeSummary.of(chunks.getFirst()) : Optional.empty();
        } catch (PatternException e) {
            return Optional.empty();
        }
    }

    /** Restores the document to {@code heads}; sync sessions restart since their peer state may name lost changes. */
    private void rollback(ChangeHash[] to) {
        Document restored = doc.fork(to, doc.getActorId());
        doc.free();
        doc = restored;
        heads = to;
        sessions.forEach(AutomergeSyncSession::restart);
    }

    /** Reading at a hash Automerge does not know shows an empty root; every known change shows the schema key. */
    private static boolean known(Document d, byte[] hash) {
        return d.keys(ObjectId.ROOT, new ChangeHash[] {HexHash.of(hash)}).map(k -> k.length > 0).orElse(false);
    }

    private Document open() {
        if (closed) {
            throw new IllegalStateException("the pattern document is closed");
        }
        return doc;
    }
}
