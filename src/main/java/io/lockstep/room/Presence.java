package io.lockstep.room;

/** Whether a member's connection is up, lost but within its grace period, or over. */
public enum Presence {
    CONNECTED, RECONNECTING, GONE;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
