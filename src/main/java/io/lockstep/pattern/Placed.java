package io.lockstep.pattern;

/** A track with its sort key: display order is ascending position, ties broken by id. */
record Placed(Track track, double position) {

    String id() {
        return track.id();
    }

    Placed with(Track changed) {
        return new Placed(changed, position);
    }
}
