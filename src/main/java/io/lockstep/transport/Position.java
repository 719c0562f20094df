package io.lockstep.transport;

/**
 * Where the playhead is: song {@code step} and how far into it ({@code fraction}, 0..1, on the straight grid).
 * When not {@code playing}, {@code step} is where playback stopped or will start.
 */
public record Position(long step, double fraction, boolean playing) {
}
