package io.lockstep.sync;

import io.lockstep.clock.PingLimiter;

/**
 * What one connection may send. Frames over {@code maxTextBytes}/{@code maxBinaryBytes} get FRAME_TOO_LARGE;
 * frames over {@code hardLimitBytes} cannot even be buffered, and the socket closes with 1009. The ping budget is
 * {@link PingLimiter}'s, which the clients' sync policy is built to stay inside.
 */
record SyncLimits(int maxTextBytes, int maxBinaryBytes, int hardLimitBytes, double frameBurst, double framesPerSecond,
                  double pingBurst, double pingsPerSecond) {

    static final SyncLimits DEFAULTS = new SyncLimits(8 * 1024, 256 * 1024, 1024 * 1024, 200, 50,
            PingLimiter.CAPACITY, PingLimiter.PER_SECOND);
}
