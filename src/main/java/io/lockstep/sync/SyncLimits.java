package io.lockstep.sync;

/**
 * What one connection may send, besides its clock pings ({@link io.lockstep.clock.PingLimiter}): frames over
 * {@code maxTextBytes}/{@code maxBinaryBytes} get FRAME_TOO_LARGE; and how much may queue for a slow reader
 * before its socket is closed.
 */
record SyncLimits(int maxTextBytes, int maxBinaryBytes, int sendBufferBytes, double frameBurst, double framesPerSecond) {

    static final SyncLimits DEFAULTS = new SyncLimits(8 * 1024, 256 * 1024, 4 * 1024 * 1024, 200, 50);
}
