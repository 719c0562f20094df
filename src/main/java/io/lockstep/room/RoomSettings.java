package io.lockstep.room;

/**
 * How long a dropped member may come back, how long a departed member stays listed as gone, how long an empty
 * room is kept before it is freed, and how often a member's clock report may change everyone's member list.
 */
public record RoomSettings(long reconnectGraceMicros, long goneShownMicros, long idleRoomMicros, long reportShownMicros) {

    public static final RoomSettings DEFAULTS = new RoomSettings(30_000_000L, 60_000_000L, 600_000_000L, 1_000_000L);
}
