package io.lockstep.room;

/**
 * How long a dropped member may come back, how long a departed member stays listed as gone, and how long an
 * empty room is kept before it is freed.
 */
public record RoomSettings(long reconnectGraceMicros, long goneShownMicros, long idleRoomMicros) {

    public static final RoomSettings DEFAULTS = new RoomSettings(30_000_000L, 60_000_000L, 600_000_000L);
}
