package io.lockstep.room;

import io.lockstep.pattern.Edit;
import io.lockstep.pattern.Pattern;
import io.lockstep.transport.Timeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rooms on simulated time: membership, presence, resume, grace periods and who hears what. */
class RoomTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RoomSettings settings = new RoomSettings(30_000_000L, 60_000_000L, 600_000_000L, 1_000_000L);
    private final RoomService rooms = new RoomService(now::get, settings);

    @AfterEach
    void close() {
        rooms.close();
    }

    /** Records what a member was told. */
    static final class Ear implements RoomListener {
        final List<Object> heard = new ArrayList<>();
        Joined welcome;

        @Override
        public void joined(Joined joined) {
            welcome = joined;
            heard.add(joined);
        }

        @Override
        public void patternChanged(byte[] changes, Pattern pattern) {
            heard.add(pattern);
        }

        @Override
        public void roomChanged(RoomState state) {
            heard.add(state);
        }

        @Override
        public void timelineChanged(Timeline timeline) {
            heard.add(timeline);
        }

        RoomState lastState() {
            return heard.reversed().stream().filter(RoomState.class::isInstance).map(RoomState.class::cast).findFirst().orElseThrow();
        }

        long patterns() {
            return heard.stream().filter(Pattern.class::isInstance).count();
        }
    }

    @Test
    void theFirstMusicianLeadsAndEveryoneSeesWhoJoined() throws Exception {
        Room room = rooms.create();
        Ear ana = new Ear();
        Ear ben = new Ear();
        Joined a = room.join("Ana", Role.MUSICIAN, ana, null, false);
        room.join("Ben", Role.MUSICIAN, ben, null, false);

        assertThat(a.state().leaderId()).isEqualTo(a.memberId());
        assertThat(ana.heard.getFirst()).isSameAs(ana.welcome);
        assertThat(ana.lastState().members()).extracting(MemberView::name).containsExactly("Ana", "Ben");
        assertThat(ana.lastState().count()).isEqualTo(2);
        assertThat(ben.welcome.document()).isNotEmpty();
        assertThat(ben.heard).as("the joiner's own arrival comes in its welcome, not as a ROOM").hasSize(1);
    }

    @Test
    void anEngineNeverLeadsByJoining() throws Exception {
        Room room = rooms.create();
        Joined engine = room.join("Engine", Role.ENGINE, new Ear(), null, false);
        Joined ana = room.join("Ana", Role.MUSICIAN, new Ear(), null, false);
        assertThat(ana.state().leaderId()).isEqualTo(ana.memberId()).isNotEqualTo(engine.memberId());
    }

    @Test
    void editsReachTheOthersButNotTheirAuthor() throws Exception {
        Room room = rooms.create();
        Ear ana = new Ear();
        Ear ben = new Ear();
        Joined a = room.join("Ana", Role.MUSICIAN, ana, null, false);
        room.join("Ben", Role.MUSICIAN, ben, null, false);
        boolean was = room.pattern().track("kick").orElseThrow().step(3).on();

        room.edit(a.memberId(), new Edit.ToggleStep("kick", 3));

        assertThat(ana.patterns()).isZero();
        assertThat(ben.patterns()).isEqualTo(1);
        assertThat(room.pattern().track("kick").orElseThrow().step(3).on()).isEqualTo(!was);
    }

    @Test
    void aDroppedMemberIsReconnectingThenGoneAfterTheGracePeriod() throws Exception {
        Room room = rooms.create();
        Ear ana = new Ear();
        Ear ben = new Ear();
        room.join("Ana", Role.MUSICIAN, ana, null, false);
        Joined b = room.join("Ben", Role.MUSICIAN, ben, null, false);

        room.disconnect(b.memberId(), ben);
        assertThat(ana.lastState().members()).extracting(MemberView::presence)
                .containsExactly(Presence.CONNECTED, Presence.RECONNECTING);
        now.addAndGet(settings.reconnectGraceMicros() - 1);
        room.expire();
        assertThat(ana.lastState().count()).isEqualTo(2);

        now.addAndGet(1);
        room.expire();
        assertThat(ana.lastState().members()).extracting(MemberView::presence)
                .containsExactly(Presence.CONNECTED, Presence.GONE);
        assertThat(ana.lastState().count()).isEqualTo(1);

        now.addAndGet(settings.goneShownMicros());
        room.expire();
        assertThat(ana.lastState().members()).extracting(MemberView::name).containsExactly("Ana");
        assertThatThrownBy(() -> room.join("Ben", Role.MUSICIAN, new Ear(), b.resumeToken(), false))
                .isInstanceOf(RoomException.class).hasMessageContaining("expired");
    }

    @Test
    void aMemberWhoResumesInTimeIsTheSameMember() throws Exception {
        Room room = rooms.create();
        Ear ana = new Ear();
        Joined a = room.join("Ana", Role.MUSICIAN, ana, null, false);
        room.join("Ben", Role.MUSICIAN, new Ear(), null, false);
        room.disconnect(a.memberId(), ana);

        Ear again = new Ear();
        Joined back = room.join("Ana", Role.MUSICIAN, again, a.resumeToken(), false);

        assertThat(back.memberId()).isEqualTo(a.memberId());
        assertThat(back.state().count()).isEqualTo(2);
        assertThat(back.state().members()).extracting(MemberView::presence).containsOnly(Presence.CONNECTED);
    }

    @Test
    void aStaleListenerCannotDisconnectAResumedMember() throws Exception {
        Room room = rooms.create();
        Ear first = new Ear();
        Joined a = room.join("Ana", Role.MUSICIAN, first, null, false);
        room.disconnect(a.memberId(), first);
        Ear second = new Ear();
        room.join("Ana", Role.MUSICIAN, second, a.resumeToken(), false);

        room.disconnect(a.memberId(), first);

        assertThat(room.state().members()).extracting(MemberView::presence).containsExactly(Presence.CONNECTED);
    }

    @Test
    void anEmptyRoomIsFreedAfterItsIdleTime() throws Exception {
        Room room = rooms.create();
        Joined a = room.join("Ana", Role.MUSICIAN, new Ear(), null, false);
        room.leave(a.memberId());

        now.addAndGet(settings.idleRoomMicros() - 1);
        rooms.housekeeping();
        assertThat(rooms.find(room.code())).contains(room);

        now.addAndGet(1);
        rooms.housekeeping();
        assertThat(rooms.find(room.code())).isEmpty();
        assertThatThrownBy(() -> room.join("Ben", Role.MUSICIAN, new Ear(), null, false))
                .isInstanceOf(RoomException.class).extracting("code").isEqualTo("UNKNOWN_ROOM");
    }

    @Test
    void roomCodesAreReadableAndForgivingWhenTyped() {
        RoomCode code = rooms.create().code();
        assertThat(code.value()).matches("[a-z]{4}-[a-z]{4}");
        assertThat(RoomCode.parse("  " + code.value().toUpperCase().replace("-", "") + " ")).contains(code);
        assertThat(RoomCode.parse("toka-mir")).isEmpty();
        assertThat(RoomCode.parse(null)).isEmpty();
    }

    @Test
    void whenTheLeaderDropsTheMusicCarriesOnAndTheLeadPassesAfterTheGracePeriod() throws Exception {
        Room room = rooms.create();
        Ear ana = new Ear();
        Ear ben = new Ear();
        Joined a = room.join("Ana", Role.MUSICIAN, ana, null, false);
        room.join("Engine", Role.ENGINE, new Ear(), null, false);
        Joined b = room.join("Ben", Role.MUSICIAN, ben, null, false);
        Timeline playing = room.lead(a.memberId(), TimelineChange.play(false));

        room.disconnect(a.memberId(), ana);
        now.addAndGet(5_000_000L);
        room.expire();
        assertThat(ben.lastState().leaderId()).as("still within the grace period").isEqualTo(a.memberId());

        now.addAndGet(5_000_000L);
        room.expire();
        assertThat(ben.lastState().leaderId()).as("passed to the earliest connected musician, not the engine")
                .isEqualTo(b.memberId());
        assertThat(room.timeline()).as("the music is not stopped").isEqualTo(playing);
    }

    @Test
    void onlyTheLeaderChangesTheTimelineAndEveryoneHearsOfIt() throws Exception {
        Room room = rooms.create();
        Ear ana = new Ear();
        Ear ben = new Ear();
        Joined a = room.join("Ana", Role.MUSICIAN, ana, null, false);
        Joined b = room.join("Ben", Role.MUSICIAN, ben, null, false);

        assertThatThrownBy(() -> room.lead(b.memberId(), TimelineChange.tempo(90)))
                .isInstanceOf(io.lockstep.transport.TransportException.class).extracting("code").isEqualTo("NOT_LEADER");
        assertThat(ana.heard).noneMatch(Timeline.class::isInstance);

        Timeline t = room.lead(a.memberId(), TimelineChange.play(false));
        assertThat(t.playingAt(now.get() + 200_000)).isTrue();
        assertThat(ana.heard).contains(t);
        assertThat(ben.heard).contains(t);

        room.handLead(a.memberId(), b.memberId());
        assertThat(ana.lastState().leaderId()).isEqualTo(b.memberId());
        assertThatThrownBy(() -> room.lead(a.memberId(), TimelineChange.stop(false)))
                .extracting("code").isEqualTo("NOT_LEADER");
    }

    @Test
    void aLeaderWhoLeavesPassesTheLeadAtOnce() throws Exception {
        Room room = rooms.create();
        Ear ben = new Ear();
        Joined a = room.join("Ana", Role.MUSICIAN, new Ear(), null, false);
        Joined b = room.join("Ben", Role.MUSICIAN, ben, null, false);
        room.leave(a.memberId());
        assertThat(ben.lastState().leaderId()).isEqualTo(b.memberId());
    }

    @Test
    void theLeadTimeFollowsTheSlowestMembersRoundTrip() throws Exception {
        Room room = rooms.create();
        Joined a = room.join("Ana", Role.MUSICIAN, new Ear(), null, false);
        Joined b = room.join("Ben", Role.MUSICIAN, new Ear(), null, false);
        room.report(a.memberId(), new SyncReport(2_000, 100, 0));
        long quick = room.lead(a.memberId(), TimelineChange.play(false)).segments().getFirst().atMicros() - now.get();
        room.lead(a.memberId(), TimelineChange.stop(false));
        now.addAndGet(5_000_000L);
        room.report(b.memberId(), new SyncReport(600_000, 5_000, 0));
        long slow = room.lead(a.memberId(), TimelineChange.play(false)).segments().getLast().atMicros() - now.get();
        assertThat(slow).isGreaterThanOrEqualTo(605_000).isGreaterThan(quick);
    }

    @Test
    void clockReportsReachTheMemberListAtMostOnceASecond() throws Exception {
        Room room = rooms.create();
        Ear ana = new Ear();
        room.join("Ana", Role.MUSICIAN, ana, null, false);
        Joined b = room.join("Ben", Role.MUSICIAN, new Ear(), null, false);
        int before = ana.heard.size();

        for (int i = 1; i <= 50; i++) {
            room.report(b.memberId(), new SyncReport(i, 1, 0));
        }
        assertThat(ana.heard.size() - before).isEqualTo(1);
        assertThat(ana.lastState().members().get(1).sync().rttMicros()).isEqualTo(1);

        now.addAndGet(settings.reportShownMicros());
        room.report(b.memberId(), new SyncReport(99, 1, 0));
        assertThat(ana.lastState().members().get(1).sync().rttMicros()).isEqualTo(99);
    }
}
