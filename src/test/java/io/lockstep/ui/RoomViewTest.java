package io.lockstep.ui;

import com.vaadin.browserless.MetaKeys;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.RangeInput;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.internal.JacksonUtils;
import com.vaadin.flow.internal.nodefeature.ElementListenerMap;
import io.lockstep.pattern.Edit;
import io.lockstep.pattern.Step;
import io.lockstep.pattern.Track;
import io.lockstep.room.Joined;
import io.lockstep.room.Role;
import io.lockstep.room.DeafMember;
import io.lockstep.room.Room;
import io.lockstep.room.RoomListener;
import io.lockstep.room.RoomService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The room view against a real room (default kit: kick, snare, hat, bass), as a musician uses it. */
@SpringBootTest
@ViewPackages(classes = RoomView.class)
class RoomViewTest extends SpringBrowserlessTest {

    private static final RoomListener QUIET = DeafMember.LISTENER;

    @Autowired
    RoomService rooms;

    private Room room;

    @BeforeEach
    void enterRoom() {
        room = rooms.create();
        DisplayName.remember("Ada");
        navigate(RoomView.class, Map.of("code", room.code().value()));
    }

    @Test
    void clickingAPadTogglesItInTheRoom() {
        assertFalse(pad("kick", 1).hasClassName("on"));

        test(pad("kick", 1)).click();
        assertTrue(pad("kick", 1).hasClassName("on"));
        assertTrue(step("kick", 1).on());

        test(pad("kick", 1)).click();
        assertFalse(pad("kick", 1).hasClassName("on"));
        assertFalse(step("kick", 1).on());
    }

    @Test
    void shiftClickSelectsAStepWhoseVelocityTheInspectorSets() {
        test(pad("kick", 0)).click(new MetaKeys().shift());
        assertTrue(step("kick", 0).on(), "shift-click only selects");
        assertEquals("Kick · step 1", find(Span.class).withClassName("inspector-title").single().getText());
        assertEquals("110", find(Span.class).id("velocity-value").getText());

        test(find(RangeInput.class).id("velocity")).setValue(64.0);

        assertEquals(64, step("kick", 0).velocity());
        assertEquals("0.504", pad("kick", 0).getStyle().get("--velocity"));
        assertEquals("64", find(Span.class).id("velocity-value").getText());
    }

    @Test
    void notesOfMelodicStepsAreShownAndEdited() {
        assertEquals("C2", pad("bass", 0).getText());
        assertEquals("", pad("kick", 0).getText(), "drum pads show no note");

        test(pad("bass", 0)).click(new MetaKeys().shift());
        test(find(NativeButton.class).id("note-up")).click();
        assertEquals(37, step("bass", 0).note());
        assertEquals("C#2", pad("bass", 0).getText());

        test(find(NativeButton.class).id("note-octave-up")).click();
        assertEquals("C#3", pad("bass", 0).getText());
        assertEquals("C#3", find(Span.class).id("note").getText());

        test(pad("kick", 0)).click(new MetaKeys().shift());
        assertFalse(find(NativeButton.class).withId("note-up").exists(), "drum steps have no note to edit");
    }

    @Test
    void theKeyboardMovesTheCursorTogglesAndSetsVelocityAndNote() {
        assertTrue(pad("kick", 0).hasClassName("cursor"));

        press("ArrowLeft", false);
        assertTrue(pad("kick", 15).hasClassName("cursor"), "the cursor wraps around the bar");
        press("ArrowRight", false);
        press("ArrowRight", false);
        press(" ", false);
        assertTrue(step("kick", 1).on());

        press("ArrowDown", false);
        press("ArrowDown", false);
        press("ArrowDown", false);
        press("ArrowDown", false);
        assertTrue(pad("bass", 1).hasClassName("cursor"), "the cursor stops at the last track");
        assertFalse(pad("kick", 1).hasClassName("cursor"));

        press("Enter", false);
        press("+", false);
        press("ArrowUp", true);
        Step bass = step("bass", 1);
        assertTrue(bass.on());
        assertEquals(Step.DEFAULT_VELOCITY + StepGrid.VELOCITY_STEP, bass.velocity());
        assertEquals(37, bass.note());
        assertEquals("C#2", pad("bass", 1).getText());

        press("-", false);
        assertEquals(Step.DEFAULT_VELOCITY, step("bass", 1).velocity());
    }

    @Test
    void trackControlsRenameRetuneMuteAndClear() {
        test(field("kick")).setValue("Boom");
        assertEquals("Boom", track("kick").name());
        test(field("kick")).setValue(" ");
        assertEquals("Boom", track("kick").name());
        assertEquals("Boom", field("kick").getValue(), "a track keeps a name");

        test(instrumentOf("hat")).selectItem("hat open");
        assertEquals("hat_open", track("hat").instrument());
        assertEquals(List.of("bass", "lead"), test(instrumentOf("bass")).getSuggestions(),
                "a melodic track offers only melodic instruments");

        test(find(RangeInput.class, row("snare")).withClassName("track-volume").single()).setValue(25.0);
        assertEquals(0.25, track("snare").volume());

        test(button("snare", "mute")).click();
        assertTrue(track("snare").muted());
        assertTrue(row("snare").hasClassName("muted"));

        test(button("hat", "clear")).click();
        assertTrue(track("hat").steps().stream().noneMatch(Step::on));
        assertTrue(find(StepPad.class, row("hat")).all().stream().noneMatch(p -> p.hasClassName("on")));
    }

    @Test
    void tracksMoveAreRemovedAndAdded() {
        assertFalse(button("kick", "move-up").isEnabled());
        test(button("kick", "move-down")).click();
        assertEquals(List.of("snare", "kick", "hat", "bass"), trackIds());
        assertEquals(List.of("snare", "kick", "hat", "bass"), rowIds());

        test(button("hat", "move-up")).click();
        assertEquals(List.of("snare", "hat", "kick", "bass"), rowIds());

        test(button("snare", "remove")).click();
        assertEquals(List.of("hat", "kick", "bass"), rowIds());

        test(find(Select.class).id("new-track-instrument")).selectItem("lead");
        test(find(NativeButton.class).id("add-track")).click();
        List<Track> tracks = room.pattern().tracks();
        assertEquals(4, tracks.size());
        assertEquals("lead", tracks.getLast().instrument());
        assertEquals("Lead", tracks.getLast().name());
        assertEquals(4, find(TrackRow.class).all().size());
        assertTrue(find(TrackRow.class).all().getLast().hasClassName("melodic"));
    }

    @Test
    void undoAndRedoByButtonAndShortcut() {
        test(pad("snare", 0)).click();
        test(find(NativeButton.class).id("undo")).click();
        assertFalse(pad("snare", 0).hasClassName("on"));
        assertFalse(step("snare", 0).on());

        test(find(NativeButton.class).id("redo")).click();
        assertTrue(pad("snare", 0).hasClassName("on"));

        fireShortcut(Key.KEY_Z, KeyModifier.CONTROL);
        assertFalse(pad("snare", 0).hasClassName("on"));
        fireShortcut(Key.KEY_Z, KeyModifier.CONTROL, KeyModifier.SHIFT);
        assertTrue(pad("snare", 0).hasClassName("on"));
    }

    @Test
    void undoWithNothingOfYoursSaysSo() {
        test(find(NativeButton.class).id("undo")).click();
        assertEquals("Nothing of yours to undo", test(find(Notification.class).single()).getText());
    }

    @Test
    void anotherMembersEditsAndPresenceArePushedIn() throws Exception {
        Joined bob = room.join("Bob", Role.MUSICIAN, QUIET, null, false);
        roundTrip();
        assertEquals("2", find(Span.class).id("member-count").getText());
        List<Div> lines = find(Div.class, find(MemberList.class).single()).withClassName("member").all();
        assertEquals("Ada (you)", find(Span.class, lines.get(0)).withClassName("member-name").single().getText());
        assertTrue(find(Span.class, lines.get(0)).withClassName("leader-badge").exists());
        assertEquals("Bob", find(Span.class, lines.get(1)).withClassName("member-name").single().getText());

        room.edit(bob.memberId(), new Edit.ToggleStep("snare", 0));
        roundTrip();
        assertTrue(pad("snare", 0).hasClassName("on"));

        room.leave(bob.memberId());
        roundTrip();
        assertEquals("1", find(Span.class).id("member-count").getText());
    }

    @Test
    void leavingTheViewLeavesTheRoom() {
        assertEquals(1, room.state().count());
        navigate(LobbyView.class);
        assertEquals(0, room.state().count());
    }

    private Track track(String id) {
        return room.pattern().track(id).orElseThrow();
    }

    private Step step(String trackId, int step) {
        return track(trackId).step(step);
    }

    private List<String> trackIds() {
        return room.pattern().tracks().stream().map(Track::id).toList();
    }

    /** Track ids in the order the rows are shown. */
    private List<String> rowIds() {
        return find(TrackRow.class).all().stream().map(TrackRow::trackId).toList();
    }

    private TrackRow row(String trackId) {
        return find(TrackRow.class).withCondition(r -> r.trackId().equals(trackId)).single();
    }

    private StepPad pad(String trackId, int step) {
        return find(StepPad.class, row(trackId)).all().get(step);
    }

    private TextField field(String trackId) {
        return find(TextField.class, row(trackId)).single();
    }

    @SuppressWarnings("unchecked")
    private Select<Instrument> instrumentOf(String trackId) {
        return find(Select.class, row(trackId)).single();
    }

    private NativeButton button(String trackId, String className) {
        return find(NativeButton.class, row(trackId)).withClassName(className).single();
    }

    /** A key pressed while the grid has focus, as the browser reports it. */
    private void press(String key, boolean shift) {
        StepGrid grid = find(StepGrid.class).single();
        ObjectNode data = JacksonUtils.createObjectNode();
        data.put("event.key", key);
        data.put("event.shiftKey", shift);
        data.put(StepGrid.OWN_KEY, true);
        grid.getElement().getNode().getFeature(ElementListenerMap.class)
                .fireEvent(new DomEvent(grid.getElement(), "keydown", data));
    }
}
