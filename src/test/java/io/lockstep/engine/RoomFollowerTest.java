package io.lockstep.engine;

import io.lockstep.clock.TimeSource;
import io.lockstep.pattern.Edit;
import io.lockstep.pattern.Pattern;
import io.lockstep.pattern.Step;
import io.lockstep.room.MemberView;
import io.lockstep.room.Presence;
import io.lockstep.room.Room;
import io.lockstep.room.RoomService;
import io.lockstep.room.TimelineChange;
import io.lockstep.schedule.Bundle;
import io.lockstep.schedule.Playback;
import io.lockstep.transport.Timeline;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static io.lockstep.engine.TestRooms.engineMember;
import static io.lockstep.engine.TestRooms.musician;
import static org.assertj.core.api.Assertions.assertThat;

/** The engine joins a real server over the WebSocket protocol, follows a musician's edits and transport, and survives a dropped connection. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RoomFollowerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @LocalServerPort
    int port;
    @Autowired
    RoomService rooms;
    @Autowired
    TimeSource serverClock;

    private final WallClock local = new WallClock();

    private RoomFollower follower(Room room, int serverPort) {
        RoomFollower follower = new RoomFollower(URI.create("ws://127.0.0.1:" + serverPort + "/ws"), room.code().value(), "Studio", local);
        follower.start();
        return follower;
    }

    @Test
    void joinsAsAnEngineShowsItsSyncAndFollowsEditsAndTheTimeline() throws Exception {
        Room room = rooms.create();
        String ana = musician(room);
        try (RoomFollower follower = follower(room, port)) {
            await("the engine listed with its clock report", () -> engineMember(room).map(m -> m.sync() != null).orElse(false));
            MemberView engine = engineMember(room).orElseThrow();
            assertThat(engine.name()).isEqualTo("Studio");
            assertThat(engine.presence()).isEqualTo(Presence.CONNECTED);
            assertThat(engine.leader()).isFalse();
            assertThat(follower.memberId()).contains(engine.id());
            await("the engine holds the room's pattern", () -> playing(follower, room.pattern(), room.timeline()));

            room.edit(ana, new Edit.ToggleStep("kick", 3));
            room.edit(ana, new Edit.SetVelocity("snare", 4, 33));
            await("the engine applies the musician's edits", () -> playing(follower, room.pattern(), room.timeline()));

            room.lead(ana, TimelineChange.play(false));
            assertThat(room.timeline().segments()).isNotEmpty();
            await("the engine follows the timeline", () -> playing(follower, room.pattern(), room.timeline()));

            // NTP's bound: the true offset lies within half the best round trip of the estimate, plus the spread it reports.
            long before = local.getAsLong() / 1000;
            long server = serverClock.nowMicros();
            long after = local.getAsLong() / 1000;
            long offset = follower.current().orElseThrow().offsetMicros();
            long rtt = engineMember(room).orElseThrow().sync().rttMicros();
            long uncertainty = engineMember(room).orElseThrow().sync().uncertaintyMicros();
            assertThat((double) Math.abs((before + after) / 2 + offset - server))
                    .as("engine's estimate of server time against the server's clock, µs (best rtt %d)", rtt)
                    .isLessThanOrEqualTo(rtt / 2.0 + uncertainty + (after - before) / 2.0);
        }
        await("the engine gone once it left", () -> engineMember(room).map(m -> m.presence() == Presence.GONE).orElse(true));
    }

    @Test
    void aDroppedConnectionResumesAsTheSameMemberCatchesUpAndTheMusicPlaysOnWithoutAGapOrADoubledNote() throws Exception {
        Room room = rooms.create();
        String ana = musician(room);
        for (int step = 0; step < Pattern.STEPS; step++) {
            room.edit(ana, new Edit.SetStep("hat", step, new Step(true, 90, 42)));
        }
        List<Bundle> sent = new ArrayList<>();
        AtomicLong blanks = new AtomicLong();
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
        try (Relay relay = new Relay(port); RoomFollower follower = follower(room, relay.port())) {
            // Counts ticks on which the follower, having had something to play, suddenly had nothing.
            PlaybackSource watched = new PlaybackSource() {
                private boolean had;

                @Override
                public Optional<Playback> current() {
                    Optional<Playback> playback = follower.current();
                    if (playback.isEmpty() && had) {
                        blanks.incrementAndGet();
                    }
                    had |= playback.isPresent();
                    return playback;
                }
            };
            Engine engine = new Engine(watched, bundle -> {
                synchronized (sent) {
                    sent.add(bundle);
                }
            }, local, loop, Engine.DEFAULT_HORIZON, Engine.DEFAULT_TICK, 0);
            engine.start();
            await("the engine holds the room's pattern", () -> playing(follower, room.pattern(), room.timeline()));
            room.lead(ana, TimelineChange.play(false));
            await("the engine plays", () -> count(sent) >= 8);
            String id = follower.memberId().orElseThrow();

            relay.cut();
            await("the room sees the engine reconnecting", () -> presence(room, Presence.RECONNECTING));
            room.edit(ana, new Edit.ToggleStep("kick", 5));
            int playedBeforeOutage = count(sent);
            await("the engine plays on while away", () -> count(sent) >= playedBeforeOutage + 8);
            relay.restore();

            await("the engine caught up", () -> playing(follower, room.pattern(), room.timeline()));
            await("the room sees the engine back", () -> presence(room, Presence.CONNECTED));
            assertThat(follower.memberId()).as("resumed as the same member").contains(id);
            int playedAfter = count(sent);
            await("the engine plays on after catching up", () -> count(sent) >= playedAfter + 8);

            List<Long> steps = steps(sent);
            assertThat(blanks.get()).as("ticks with nothing to play after the first").isZero();
            assertThat(steps).as("song steps sent").doesNotHaveDuplicates().isSorted().startsWith(0L);
            // Every step has a hat: a step left out is a gap, unless the machine held the engine up past it (it counts those).
            assertThat(steps.getLast() + 1 - steps.size()).as("steps left out").isEqualTo(engine.missedSteps());

            // A tempo change made while the engine is away reaches it when it is back (what it played meanwhile differs).
            relay.cut();
            await("the room sees the engine reconnecting again", () -> presence(room, Presence.RECONNECTING));
            room.lead(ana, TimelineChange.tempo(150));
            relay.restore();
            await("the engine follows the new tempo", () -> playing(follower, room.pattern(), room.timeline()));
            engine.close();
            assertThat(steps(sent)).as("song steps sent").doesNotHaveDuplicates().isSorted();
        } finally {
            loop.shutdownNow();
        }
    }

    private static boolean playing(RoomFollower follower, Pattern pattern, Timeline timeline) {
        return follower.current().map(p -> p.pattern().equals(pattern) && p.timeline().equals(timeline)).orElse(false);
    }

    private static boolean presence(Room room, Presence presence) {
        return engineMember(room).map(m -> m.presence() == presence).orElse(false);
    }

    private static List<Long> steps(List<Bundle> sent) {
        synchronized (sent) {
            return sent.stream().map(Bundle::step).toList();
        }
    }

    private static int count(List<Bundle> sent) {
        synchronized (sent) {
            return sent.size();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Eventually.await(what, PATIENCE, condition);
    }
}
