package io.lockstep.room;

/** How long a dropped member may come back, and how long an empty room is kept before it is freed. */
public record RoomSettings(long reconnectGraceMicros, long idleRoomMicros) {

    public static final RoomSettings DEFAULTS = new RoomSettings(30_000_000L, 600_000_000L);
}
