package io.lockstep.pattern;

import java.util.List;
import java.util.Optional;

/** The room's shared pattern as a plain value: tracks in display order. Read from the document, never edited in place. */
public record Pattern(List<Track> tracks) {

    /** Steps per track: one bar of sixteenth notes. */
    public static final int STEPS = 16;

    public Pattern {
        tracks = List.copyOf(tracks);
    }

    public Optional<Track> track(String id) {
        return tracks.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public int indexOf(String trackId) {
        for (int i = 0; i < tracks.size(); i++) {
            if (tracks.get(i).id().equals(trackId)) {
                return i;
            }
        }
        return -1;
    }
}
