package io.lockstep.engine;

import io.lockstep.schedule.Playback;

import java.util.Optional;

/**
 * Where an Engine reads what to play: the room replica's latest pattern and timeline and the latest clock offset.
 * Called on the engine's thread every tick, so it must answer from memory, never wait on the network.
 */
@FunctionalInterface
public interface PlaybackSource {

    /** The latest playback, or empty before the room is joined. */
    Optional<Playback> current();
}
