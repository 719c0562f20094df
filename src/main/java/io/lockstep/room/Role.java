package io.lockstep.room;

/** What a member is: a person at a browser or client, or a sound engine following the room. */
public enum Role {
    MUSICIAN, ENGINE;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
