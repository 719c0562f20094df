package io.lockstep.pattern;

import java.util.Set;

/**
 * What one applied edit or received payload did: the encoded Automerge changes to forward to the other
 * replicas, the pattern before and after (for undo and for views), and the tracks whose display position was
 * written (a swap of two neighbours looks the same in the order whichever of them moved).
 */
public record Delta(byte[] changes, Pattern before, Pattern after, Set<String> moved) {

    public Delta {
        moved = Set.copyOf(moved);
    }

    /** Nothing happened. */
    static Delta none(Pattern pattern) {
        return new Delta(new byte[0], pattern, pattern, Set.of());
    }

    public boolean changed() {
        return !before.equals(after);
    }
}
