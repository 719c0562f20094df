package io.lockstep.pattern;

import java.util.Optional;
import org.automerge.SyncState;

/** Automerge's sync protocol with one peer, over a PatternDocument so that received changes are validated. */
final class AutomergeSyncSession implements SyncSession {

    private final PatternDocument document;
    private SyncState state = new SyncState();
    private boolean closed;

    AutomergeSyncSession(PatternDocument document) {
        this.document = document;
    }

    @Override
    public Optional<byte[]> nextMessage() {
        return document.generateSyncMessage(open());
    }

    @Override
    public Delta receive(byte[] message) throws PatternException {
        return document.receiveSyncMessage(open(), message);
    }

    /** Forgets what the peer is believed to have, so the next messages renegotiate from scratch. */
    void restart() {
        state.free();
        state = new SyncState();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        state.free();
        document.forget(this);
    }

    private SyncState open() {
        if (closed || document.isClosed()) {
            throw new IllegalStateException("the sync session is closed");
        }
        return state;
    }
}
