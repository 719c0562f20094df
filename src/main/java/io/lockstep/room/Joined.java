package io.lockstep.room;

import io.lockstep.pattern.Pattern;
import io.lockstep.transport.Timeline;

/**
 * What a new member receives: its id, the secret that lets it resume after a dropped connection, the room's state
 * and timeline, and the document (saved bytes) and pattern at the moment it joined.
 */
public record Joined(RoomCode code, String memberId, String resumeToken, RoomState state, Timeline timeline,
                     byte[] document, Pattern pattern) {
}
