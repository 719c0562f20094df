package io.lockstep.pattern;

/**
 * What one applied edit or received payload did: the encoded Automerge changes to forward to the other
 * replicas, and the pattern before and after (for undo and for views).
 */
public record Delta(byte[] changes, Pattern before, Pattern after) {

    public boolean changed() {
        return !before.equals(after);
    }
}
