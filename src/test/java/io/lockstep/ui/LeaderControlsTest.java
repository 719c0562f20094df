package io.lockstep.ui;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.internal.JacksonUtils;
import com.vaadin.flow.internal.nodefeature.ElementListenerMap;
import io.lockstep.room.Joined;
import io.lockstep.room.MemberView;
import io.lockstep.room.Presence;
import io.lockstep.room.Role;
import io.lockstep.room.DeafMember;
import io.lockstep.room.Room;
import io.lockstep.room.RoomListener;
import io.lockstep.room.RoomService;
import io.lockstep.room.RoomState;
import io.lockstep.room.SyncReport;
import io.lockstep.room.TimelineChange;
import io.lockstep.transport.Segment;
import io.lockstep.transport.Timeline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The leader's transport, the lead changing hands and the clock reports, in a room view against a real room. */
@SpringBootTest
@ViewPackages(classes = RoomView.class)
class LeaderControlsTest extends SpringBrowserlessTest {

    private static final RoomListener QUIET = DeafMember.LISTENER;

    @Autowired
    RoomService rooms;

    private Room room;

    @BeforeEach
    void enterRoom() {
        room = rooms.create();
        DisplayName.remember("Ada");
    }

    @Test
    void theLeaderPlaysStopsAndSetsTempoAndSwing() {
        enter();
        assertTrue(button("play").isEnabled(), "the first musician in a room leads it");

        test(button("play")).click();
        assertTrue(rolling(room.timeline()));
        assertTrue(button("play").hasClassName("rolling"));

        test(tempo()).setValue(97.5);
        assertEquals(97.5, room.timeline().bpm(), "fractional tempos are allowed");
        test(find(IntegerField.class).id("swing")).setValue(25);
        assertEquals(0.25, room.timeline().swing());

        test(button("stop")).click();
        assertFalse(rolling(room.timeline()));
        assertFalse(button("play").hasClassName("rolling"));
    }

    @Test
    void startOnTheBarAndStopAtBarEndFollowTheRoomsBars() {
        enter();
        test(find(Checkbox.class).id("stop-at-bar-end")).click();
        test(button("play")).click();
        test(button("stop")).click();
        Segment first = room.timeline().segments().getFirst();
        assertEquals(0, first.untilStep() % Timeline.STEPS_PER_BAR, "stopped at the end of a bar");

        test(find(Checkbox.class).id("start-on-bar")).click();
        test(button("play")).click();
        Segment restart = room.timeline().segments().getLast();
        double bars = (restart.atMicros() - first.atMicros()) / (first.stepMicros() * Timeline.STEPS_PER_BAR);
        assertEquals(Math.round(bars), bars, 1e-6, "the restart falls on the first playback's bar lines");
    }

    @Test
    void jumpingToABarNeedsTheMusicPlaying() {
        enter();
        test(find(IntegerField.class).id("bar")).setValue(5);
        test(button("jump")).click();
        assertEquals("Jumping to a bar needs the music playing", notice());

        test(button("play")).click();
        test(button("jump")).click();
        assertEquals(4 * Timeline.STEPS_PER_BAR, room.timeline().segments().getLast().fromStep(), "bar 5 is song bar 4");
    }

    @Test
    void tapTempoSetsTheTempoFromTheBrowsersTapTimes() {
        enter();
        tap(10_000.0);
        assertEquals(Timeline.DEFAULT_BPM, room.timeline().bpm(), "one tap sets nothing");
        tap(10_480.0);
        tap(10_960.0);
        tap(11_440.0);
        assertEquals(125.0, room.timeline().bpm());
        assertEquals(125.0, tempo().getValue());
    }

    @Test
    void othersSeeTheTransportButCannotUseIt() throws Exception {
        Joined bob = room.join("Bob", Role.MUSICIAN, QUIET, null, false);
        room.lead(bob.memberId(), TimelineChange.tempo(140));
        enter();

        assertFalse(button("play").isEnabled());
        assertFalse(button("stop").isEnabled());
        assertFalse(button("tap").isEnabled());
        assertFalse(button("jump").isEnabled());
        assertFalse(find(Checkbox.class).id("start-on-bar").isEnabled());
        assertTrue(tempo().isReadOnly());
        assertFalse(test(tempo()).isUsable());
        assertEquals(140.0, tempo().getValue(), "the leader's tempo, read-only");

        click(button("play"));
        assertTrue(room.timeline().segments().isEmpty(), "a forced click on a disabled control changes nothing");
    }

    @Test
    void aClickThatBeatsTheLeaderChangeIsRefused() throws Exception {
        enter();
        Joined bob = room.join("Bob", Role.MUSICIAN, QUIET, null, false);
        roundTrip();
        NativeButton play = button("play");
        room.handLead(myId(), bob.memberId());

        // The view has not heard of the change yet (its UI runs the news after this request): the click goes through
        // to the room, which says no.
        assertTrue(play.isEnabled());
        click(play);
        assertEquals("Only the leader can do that", notice());
        assertTrue(room.timeline().segments().isEmpty());

        roundTrip();
        assertFalse(button("play").isEnabled());
    }

    @Test
    void handingTheLeadMovesTheBadgeAndTheControls() throws Exception {
        enter();
        Joined bob = room.join("Bob", Role.MUSICIAN, QUIET, null, false);
        roundTrip();
        assertFalse(find(NativeButton.class, line(0)).withClassName("hand-lead").exists(), "no hand-over to yourself");

        test(find(NativeButton.class, line(1)).withClassName("hand-lead").single()).click();
        roundTrip();
        assertEquals(bob.memberId(), room.state().leaderId());
        assertFalse(find(Span.class, line(0)).withClassName("leader-badge").exists());
        assertTrue(find(Span.class, line(1)).withClassName("leader-badge").exists());
        assertFalse(button("play").isEnabled());
        assertFalse(find(NativeButton.class).withClassName("hand-lead").exists(), "only the leader hands over");

        room.handLead(bob.memberId(), myId());
        roundTrip();
        assertTrue(button("play").isEnabled());
        assertTrue(find(Span.class, line(0)).withClassName("leader-badge").exists());
    }

    @Test
    void whenNobodyLeadsAMusicianCanClaimTheLead() {
        List<String> claims = new ArrayList<>();
        MemberList list = new MemberList(to -> { }, () -> claims.add("claimed"));
        getCurrentView().getElement().appendChild(list.getElement());
        MemberView ada = new MemberView("m1", "Ada", Role.MUSICIAN, Presence.CONNECTED, false, null);
        MemberView bob = new MemberView("m2", "Bob", Role.MUSICIAN, Presence.CONNECTED, false, null);

        list.show(new RoomState(room.code(), null, List.of(ada, bob), 2), "m1");
        test(find(NativeButton.class, list).id("claim-lead")).click();
        assertEquals(List.of("claimed"), claims);

        list.show(new RoomState(room.code(), "m2", List.of(ada, bob), 2), "m1");
        assertFalse(find(NativeButton.class, list).withId("claim-lead").exists(), "nothing to claim while someone leads");
    }

    @Test
    void theBrowsersClockReportReachesThePanelTheRoomAndTheMemberList() {
        enter();
        SyncPanel panel = find(SyncPanel.class).single();
        panel.synced(1_840, 310, 70, 3.46, 8);

        assertEquals("1.84 ms", text("sync-rtt"));
        assertEquals("+0.31 ± 0.07 ms", text("sync-offset"));
        assertEquals("+3.5 ppm", text("sync-drift"));
        assertEquals("8", text("sync-samples"));
        assertEquals(new SyncReport(1_840, 70, 3.46), room.state().members().getFirst().sync());
        roundTrip();
        assertEquals("1.84 ms ±0.07", find(Span.class, line(0)).withClassName("member-sync").single().getText());

        panel.synced(-1, 0, 0, 0, 0);
        assertEquals(new SyncReport(1_840, 70, 3.46), room.state().members().getFirst().sync(), "nonsense is ignored");
    }

    private void enter() {
        navigate(RoomView.class, Map.of("code", room.code().value()));
    }

    private String myId() {
        return room.state().members().stream().filter(m -> m.name().equals("Ada")).findFirst().orElseThrow().id();
    }

    private static boolean rolling(Timeline timeline) {
        return !timeline.segments().isEmpty() && timeline.segments().getLast().untilStep() == Segment.OPEN;
    }

    private NativeButton button(String id) {
        return find(NativeButton.class).id(id);
    }

    private NumberField tempo() {
        return find(NumberField.class).id("tempo");
    }

    private String text(String id) {
        return find(Span.class).id(id).getText();
    }

    private Div line(int index) {
        return find(Div.class, find(MemberList.class).single()).withClassName("member").all().get(index);
    }

    private String notice() {
        List<Notification> notices = find(Notification.class).all();
        assertFalse(notices.isEmpty(), "no notice shown");
        return test(notices.getLast()).getText();
    }

    /** A tap on the tap button at browser time {@code millis}, as the browser reports it. */
    private void tap(double millis) {
        ObjectNode data = JacksonUtils.createObjectNode();
        data.put("event.timeStamp", millis);
        fire(button("tap"), data);
    }

    /** A click as it arrives from the browser, without the tester's checks and without running the UI's queued news. */
    private static void click(NativeButton button) {
        fire(button, JacksonUtils.createObjectNode());
    }

    private static void fire(NativeButton button, ObjectNode data) {
        button.getElement().getNode().getFeature(ElementListenerMap.class).fireEvent(new DomEvent(button.getElement(), "click", data));
    }
}
