package io.lockstep.room;

import io.lockstep.clock.TimeSource;
import io.lockstep.pattern.PatternDocument;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Creates rooms, finds them by code and lets go of empty ones. Rooms live in memory. */
public final class RoomService implements AutoCloseable {

    private final ConcurrentMap<RoomCode, Room> rooms = new ConcurrentHashMap<>();
    private final TimeSource clock;
    private final RoomSettings settings;

    public RoomService(TimeSource clock, RoomSettings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    /** A new room with the default kit and a fresh code. */
    public Room create() {
        while (true) {
            RoomCode code = RoomCode.random();
            if (!rooms.containsKey(code)) {
                Room room = new Room(code, PatternDocument.newRoom(), clock, settings);
                if (rooms.putIfAbsent(code, room) == null) {
                    return room;
                }
                room.close();
            }
        }
    }

    public Optional<Room> find(RoomCode code) {
        return Optional.ofNullable(rooms.get(code));
    }

    /** Finds a room by what a person typed. */
    public Room find(String typedCode) throws RoomException {
        return RoomCode.parse(typedCode).flatMap(this::find)
                .orElseThrow(() -> new RoomException("UNKNOWN_ROOM", "there is no room " + typedCode));
    }

    public Collection<Room> rooms() {
        return List.copyOf(rooms.values());
    }

    /** Runs periodically: ends expired grace periods and frees rooms that stayed empty. */
    public void housekeeping() {
        for (Room room : rooms.values()) {
            if (room.expire()) {
                rooms.remove(room.code(), room);
                room.close();
            }
        }
    }

    @Override
    public void close() {
        rooms.values().forEach(Room::close);
        rooms.clear();
    }
}
