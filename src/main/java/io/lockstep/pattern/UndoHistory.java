package io.lockstep.pattern;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One member's undo and redo. Record each delta of that member's own edits (not the edits that undo or redo
 * return); undo and redo then return the edits to apply, which restore only values that still are what this
 * member set, so another member's later edits are never undone. Keeps the last {@value #DEPTH} edits.
 */
public final class UndoHistory {

    public static final int DEPTH = 100;

    private final Deque<List<UndoChange>> undo = new ArrayDeque<>();
    private final Deque<List<UndoChange>> redo = new ArrayDeque<>();

    /** Remembers this member's edit; a new edit forgets what could be redone. */
    public void record(Delta delta) {
        if (!delta.changed()) {
            return;
        }
        undo.push(PatternDiff.between(delta));
        if (undo.size() > DEPTH) {
            undo.removeLast();
        }
        redo.clear();
    }

    /** The edits that revert this member's last edit (empty if there is nothing to undo or nothing left of it). */
    public List<Edit> undo(Pattern current) {
        List<UndoChange> entry = undo.poll();
        if (entry == null) {
            return List.of();
        }
        redo.push(entry);
        return entry.stream().flatMap(c -> c.revert(current).stream()).toList();
    }

    /** The edits that re-apply the edit last undone. */
    public List<Edit> redo(Pattern current) {
        List<UndoChange> entry = redo.poll();
        if (entry == null) {
            return List.of();
        }
        undo.push(entry);
        return entry.stream().flatMap(c -> c.inverse().revert(current).stream()).toList();
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }
}
