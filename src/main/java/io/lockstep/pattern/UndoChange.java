package io.lockstep.pattern;

import java.util.ArrayList;
import java.util.List;

/**
 * One thing a member's edit changed, remembered as before/after values. Reverting restores only what still holds
 * the value this member set, so undo never overwrites another member's later edit.
 */
sealed interface UndoChange {

    /** The edits that put back the "before" values that nobody else has changed since. */
    List<Edit> revert(Pattern current);

    /** The same change the other way round: reverting it re-applies this change (redo). */
    UndoChange inverse();

    record StepChange(String trackId, int index, Step before, Step after) implements UndoChange {
        @Override
        public List<Edit> revert(Pattern current) {
            return current.track(trackId).map(t -> {
                Step now = t.step(index);
                Step restored = new Step(
                        now.on() == after.on() ? before.on() : now.on(),
                        now.velocity() == after.velocity() ? before.velocity() : now.velocity(),
                        now.note() == after.note() ? before.note() : now.note());
                return restored.equals(now) ? List.<Edit>of() : List.<Edit>of(new Edit.SetStep(trackId, index, restored));
            }).orElse(List.of());
        }

        @Override
        public UndoChange inverse() {
            return new StepChange(trackId, index, after, before);
        }
    }

    /** Name, instrument, volume and mute of a track that exists before and after. */
    record FieldsChange(Track before, Track after) implements UndoChange {
        @Override
        public List<Edit> revert(Pattern current) {
            List<Edit> edits = new ArrayList<>();
            current.track(before.id()).ifPresent(now -> {
                String id = now.id();
                if (!before.name().equals(after.name()) && now.name().equals(after.name())) {
                    edits.add(new Edit.RenameTrack(id, before.name()));
                }
                if (!before.instrument().equals(after.instrument()) && now.instrument().equals(after.instrument())) {
                    edits.add(new Edit.SetInstrument(id, before.instrument()));
                }
                if (before.volume() != after.volume() && now.volume() == after.volume()) {
                    edits.add(new Edit.SetVolume(id, before.volume()));
                }
                if (before.muted() != after.muted() && now.muted() == after.muted()) {
                    edits.add(new Edit.SetMuted(id, before.muted()));
                }
            });
            return edits;
        }

        @Override
        public UndoChange inverse() {
            return new FieldsChange(after, before);
        }
    }

    /** A track added ({@code added}) or removed, with its content and its place at that moment. */
    record Presence(Track track, Neighbours place, boolean added) implements UndoChange {
        @Override
        public List<Edit> revert(Pattern current) {
            boolean present = current.track(track.id()).isPresent();
            if (added) {
                return present ? List.of(new Edit.RemoveTrack(track.id())) : List.of();
            }
            return present ? List.of() : List.of(new Edit.AddTrack(track, place.indexIn(current, track.id())));
        }

        @Override
        public UndoChange inverse() {
            return new Presence(track, place, !added);
        }
    }

    /** A track moved from one place to another; reverted only while it still sits where this member put it. */
    record Order(String trackId, Neighbours from, Neighbours to) implements UndoChange {
        @Override
        public List<Edit> revert(Pattern current) {
            return to.holdIn(current, trackId)
                    ? List.of(new Edit.MoveTrack(trackId, from.indexIn(current, trackId)))
                    : List.of();
        }

        @Override
        public UndoChange inverse() {
            return new Order(trackId, to, from);
        }
    }
}
