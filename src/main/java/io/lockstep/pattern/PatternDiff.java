package io.lockstep.pattern;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What changed between two patterns, as undoable changes. */
final class PatternDiff {

    private PatternDiff() {
    }

    static List<UndoChange> between(Delta delta) {
        Pattern before = delta.before();
        Pattern after = delta.after();
        List<UndoChange> changes = new ArrayList<>();
        for (Track old : before.tracks()) {
            if (after.track(old.id()).isEmpty()) {
                changes.add(new UndoChange.Presence(old, Neighbours.of(before, old.id()), false));
            }
        }
        for (Track now : after.tracks()) {
            before.track(now.id()).ifPresentOrElse(
                    old -> changes.addAll(trackChanges(old, now)),
                    () -> changes.add(new UndoChange.Presence(now, Neighbours.of(after, now.id()), true)));
        }
        moved(before, after, delta.moved()).ifPresent(id ->
                changes.add(new UndoChange.Order(id, Neighbours.of(before, id), Neighbours.of(after, id))));
        return changes;
    }

    private static List<UndoChange> trackChanges(Track old, Track now) {
        List<UndoChange> changes = new ArrayList<>();
        if (!old.name().equals(now.name()) || !old.instrument().equals(now.instrument())
                || old.volume() != now.volume() || old.muted() != now.muted()) {
            changes.add(new UndoChange.FieldsChange(old, now));
        }
        for (int s = 0; s < Pattern.STEPS; s++) {
            if (!old.step(s).equals(now.step(s))) {
                changes.add(new UndoChange.StepChange(old.id(), s, old.step(s), now.step(s)));
            }
        }
        return changes;
    }

    /**
     * The track whose move explains the new order of the tracks present in both patterns, if the order changed.
     * When two neighbours swap, either could have moved: the one whose position was written is the one.
     */
    private static Optional<String> moved(Pattern before, Pattern after, Set<String> repositioned) {
        List<String> was = before.tracks().stream().map(Track::id).filter(id -> after.track(id).isPresent()).toList();
        List<String> is = after.tracks().stream().map(Track::id).filter(id -> before.track(id).isPresent()).toList();
        if (was.equals(is)) {
            return Optional.empty();
        }
        return was.stream()
                .filter(id -> without(was, id).equals(without(is, id)))
                .min(Comparator.comparing(id -> !repositioned.contains(id)));
    }

    private static List<String> without(List<String> ids, String id) {
        return ids.stream().filter(other -> !other.equals(id)).toList();
    }
}
