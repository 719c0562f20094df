package io.lockstep.sync;

/**
 * What one connection may send, besides its clock pings ({@link io.lockstep.clock.PingLimiter}). Frames over
 * {@code maxTextBytes}/{@code maxBinaryBytes} get FRAME_TOO_LARGE; frames over {@code hardLimitBytes} cannot even
 * be buffered, and the socket closes with 1009.
 */
record SyncLimits(int maxTextBytes, int maxBinaryBytes, int hardLimitBytes, double frameBurst, double framesPerSecond) {

    static final SyncLimits DEFAULTS = new SyncLimits(8 * 1024, 256 * 1024, 1024 * 1024, 200, 50);
}
