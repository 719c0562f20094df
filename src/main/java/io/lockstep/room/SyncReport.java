package io.lockstep.room;

/** A member's own account of its clock sync: round trip, offset uncertainty and drift, as shown in the member list. */
public record SyncReport(long rttMicros, long uncertaintyMicros, double driftPpm) {
}
