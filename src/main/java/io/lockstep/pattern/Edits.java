package io.lockstep.pattern;

import static io.lockstep.pattern.PatternException.BAD_INSTRUMENT;
import static io.lockstep.pattern.PatternException.BAD_NAME;
import static io.lockstep.pattern.PatternException.DUPLICATE_TRACK;
import static io.lockstep.pattern.PatternException.OUT_OF_RANGE;
import static io.lockstep.pattern.PatternException.TOO_MANY_TRACKS;
import static io.lockstep.pattern.PatternException.UNKNOWN_TRACK;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** What an edit means: the layout it turns the current layout into, or why it cannot be applied. Pure. */
final class Edits {

    private Edits() {
    }

    static Layout apply(Layout layout, Edit edit) throws PatternException {
        return switch (edit) {
            case Edit.ToggleStep e -> step(layout, e.trackId(), e.step(), s -> s.withOn(!s.on()));
            case Edit.SetStep e -> step(layout, e.trackId(), e.step(), s -> e.value());
            case Edit.SetVelocity e -> {
                require(e.velocity() >= Step.MIN_VELOCITY && e.velocity() <= Step.MAX_VELOCITY, OUT_OF_RANGE,
                        "velocity must be 1-127");
                yield step(layout, e.trackId(), e.step(), s -> s.withVelocity(e.velocity()));
            }
            case Edit.SetNote e -> {
                require(e.note() >= 0 && e.note() <= Step.MAX_NOTE, OUT_OF_RANGE, "note must be 0-127");
                yield step(layout, e.trackId(), e.step(), s -> s.withNote(e.note()));
            }
            case Edit.AddTrack e -> add(layout, e.track(), e.index());
            case Edit.RemoveTrack e -> layout.without(existing(layout, e.trackId()).id());
            case Edit.RenameTrack e -> {
                require(TrackRules.validName(e.name()), BAD_NAME, "a track name has 1-40 characters");
                yield track(layout, e.trackId(), t -> t.withName(e.name()));
            }
            case Edit.MoveTrack e -> {
                Placed placed = existing(layout, e.trackId());
                require(e.index() >= 0 && e.index() < layout.tracks().size(), OUT_OF_RANGE,
                        "index must be 0-" + (layout.tracks().size() - 1));
                yield layout.pattern().indexOf(e.trackId()) == e.index() ? layout : layout.place(placed.track(), e.index());
            }
            case Edit.SetInstrument e -> {
                require(TrackRules.validInstrument(e.instrument()), BAD_INSTRUMENT,
                        "an instrument is a synthdef name: [a-z0-9_]{1,32}");
                yield track(layout, e.trackId(), t -> t.withInstrument(e.instrument()));
            }
            case Edit.SetVolume e -> {
                require(e.volume() >= 0.0 && e.volume() <= 1.0, OUT_OF_RANGE, "volume must be 0.0-1.0");
                yield track(layout, e.trackId(), t -> t.withVolume(e.volume()));
            }
            case Edit.SetMuted e -> track(layout, e.trackId(), t -> t.withMuted(e.muted()));
            case Edit.ClearTrack e -> track(layout, e.trackId(),
                    t -> t.withSteps(t.steps().stream().map(s -> s.withOn(false)).toList()));
        };
    }

    private static Layout add(Layout layout, Track track, int index) throws PatternException {
        require(TrackRules.validId(track.id()), BAD_NAME, "a track id is [A-Za-z0-9_-]{1,24}");
        require(layout.get(track.id()).isEmpty(), DUPLICATE_TRACK, "track " + track.id() + " exists");
        require(layout.tracks().size() < TrackRules.MAX_TRACKS, TOO_MANY_TRACKS, "at most 16 tracks");
        require(TrackRules.validName(track.name()), BAD_NAME, "a track name has 1-40 characters");
        require(TrackRules.validInstrument(track.instrument()), BAD_INSTRUMENT,
                "an instrument is a synthdef name: [a-z0-9_]{1,32}");
        require(index >= 0 && index <= layout.tracks().size(), OUT_OF_RANGE, "index must be 0-" + layout.tracks().size());
        return layout.place(track, index);
    }

    private static Layout step(Layout layout, String trackId, int step, UnaryOperator<Step> change)
            throws PatternException {
        require(TrackRules.validStep(step), OUT_OF_RANGE, "step must be 0-15");
        return track(layout, trackId, t -> {
            List<Step> steps = new ArrayList<>(t.steps());
            steps.set(step, change.apply(steps.get(step)));
            return t.withSteps(steps);
        });
    }

    private static Layout track(Layout layout, String trackId, UnaryOperator<Track> change) throws PatternException {
        Placed placed = existing(layout, trackId);
        return layout.with(placed.with(change.apply(placed.track())));
    }

    private static Placed existing(Layout layout, String trackId) throws PatternException {
        return layout.get(trackId).orElseThrow(() -> new PatternException(UNKNOWN_TRACK, "no track " + trackId));
    }

    private static void require(boolean ok, String code, String message) throws PatternException {
        if (!ok) {
            throw new PatternException(code, message);
        }
    }
}
