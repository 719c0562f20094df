package io.lockstep.pattern;

import java.util.List;

/** Placeholder until the pattern branch lands. */
public final class UndoHistory {
    public void record(Delta delta) { }
    public List<Edit> undo(Pattern current) { return List.of(); }
    public List<Edit> redo(Pattern current) { return List.of(); }
}
