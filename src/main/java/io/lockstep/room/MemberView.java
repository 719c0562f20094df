package io.lockstep.room;

/** One line of the member list, as every member sees it. */
public record MemberView(String id, String name, Role role, Presence presence, boolean leader, SyncReport sync) {
}
