package io.lockstep.pattern;

import java.util.Optional;

/**
 * Automerge's sync protocol with one peer over one document. Same ownership rule as its document;
 * close it when the peer goes away (it holds native memory).
 */
public interface SyncSession extends AutoCloseable {

    /** The next message for the peer, or empty when the peer has everything we have. */
    Optional<byte[]> nextMessage();

    /** Takes the peer's message; the delta holds what the document gained (empty changes if nothing). */
    Delta receive(byte[] message) throws PatternException;

    @Override
    void close();
}
