package io.lockstep.engine;

import io.lockstep.pattern.Pattern;
import io.lockstep.pattern.PatternDocument;
import io.lockstep.pattern.PatternException;
import io.lockstep.pattern.SyncSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * This engine's replica of the room's pattern document, grown from the server's document and kept across
 * reconnections, and the sync session that catches it up after one. Owned by the room thread; the engine reads
 * only the immutable patterns it returns.
 */
final class Replica implements AutoCloseable {

    private PatternDocument document;
    private SyncSession session;

    boolean isHeld() {
        return document != null;
    }

    /** Replaces the replica with the server's whole document. */
    Pattern load(byte[] saved) throws PatternException {
        PatternDocument loaded = PatternDocument.load(saved);
        close();
        document = loaded;
        return document.pattern();
    }

    /** Applies changes another member made; changes already here are no news. */
    Pattern apply(byte[] changes) throws PatternException {
        try {
            document.applyChanges(changes);
        } catch (PatternException e) {
            if (!PatternException.NO_NEW_CHANGE.equals(e.code())) {
                throw e;
            }
        }
        return document.pattern();
    }

    /** Starts catching up with the server through Automerge's sync protocol (the server speaks first). */
    void startSync() {
        endSync();
        session = document.startSync();
    }

    /** Takes one of the server's sync messages; returns the replies to send, none once this side has nothing to add. */
    List<byte[]> sync(byte[] message) throws PatternException {
        if (session == null) {
            throw new PatternException(PatternException.BAD_SYNC, "a sync message arrived when no sync was asked for");
        }
        session.receive(message);
        List<byte[]> replies = new ArrayList<>();
        for (Optional<byte[]> next = session.nextMessage(); next.isPresent(); next = session.nextMessage()) {
            replies.add(next.get());
        }
        return replies;
    }

    Pattern pattern() {
        return document.pattern();
    }

    List<String> heads() {
        return document.heads();
    }

    private void endSync() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    @Override
    public void close() {
        endSync();
        if (document != null) {
            document.close();
            document = null;
        }
    }
}
