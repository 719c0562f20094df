package io.lockstep.pattern;

import java.util.List;

/**
 * Where a track sat in the display order, told by the tracks beside it rather than by an index: other members may
 * have added or removed tracks since, and "after the snare" still means what the musician saw.
 */
record Neighbours(String previous, String next, int index) {

    static Neighbours of(Pattern pattern, String trackId) {
        List<Track> tracks = pattern.tracks();
        int i = pattern.indexOf(trackId);
        return new Neighbours(i > 0 ? tracks.get(i - 1).id() : null,
                i >= 0 && i + 1 < tracks.size() ? tracks.get(i + 1).id() : null, i);
    }

    /** Whether the track sits where these neighbours would put it: nobody has moved it since. */
    boolean holdIn(Pattern pattern, String trackId) {
        return pattern.indexOf(trackId) == indexIn(pattern, trackId);
    }

    /** The display index that puts the track back beside these neighbours, in a pattern without the track. */
    int indexIn(Pattern pattern, String trackId) {
        List<String> others = pattern.tracks().stream().map(Track::id).filter(id -> !id.equals(trackId)).toList();
        if (previous != null && others.contains(previous)) {
            return others.indexOf(previous) + 1;
        }
        if (next != null && others.contains(next)) {
            return others.indexOf(next);
        }
        return Math.min(index, others.size());
    }
}
