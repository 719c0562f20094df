package io.lockstep.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.Command;
import io.lockstep.Refusal;
import io.lockstep.pattern.Edit;
import io.lockstep.pattern.Pattern;
import io.lockstep.pattern.PatternException;
import io.lockstep.room.Joined;
import io.lockstep.room.Role;
import io.lockstep.room.Room;
import io.lockstep.room.RoomCode;
import io.lockstep.room.RoomException;
import io.lockstep.room.RoomListener;
import io.lockstep.room.RoomService;
import io.lockstep.room.RoomState;
import io.lockstep.room.SyncReport;
import io.lockstep.room.TimelineChange;
import io.lockstep.transport.Timeline;

import java.util.List;

/**
 * A room as one musician sees it: the shared grid with its playhead, the step under the cursor, the leader's
 * transport, the members and how well this browser's clock is synced. The view is a member of the room while it is
 * attached; its edits and the leader's requests go through the room like any client's, and the others' changes come
 * back through its listener and server push. The playhead never waits for the server: the browser runs it from the
 * room's timeline and its own clock.
 */
@Route("room/:code")
@StyleSheet("context://lockstep.css")
public class RoomView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private static final String CODE = "code";
    private static final int NOTICE_MILLIS = 2500;

    private final RoomService rooms;
    private final StepGrid grid = new StepGrid(this::apply);
    private final StepInspector inspector = new StepInspector(this::apply);
    private final MemberList members = new MemberList(this::handLead, this::claimLead);
    private final TransportBar transport = new TransportBar(this::lead);
    private final SyncPanel sync = new SyncPanel(grid, transport.position(), this::report);
    private final Div header = new Div();
    private Room room;
    private String memberId;
    private Pattern shown = new Pattern(List.of());

    public RoomView(RoomService rooms) {
        this.rooms = rooms;
        addClassName("room");
        header.addClassName("room-header");
        grid.onCursorMove(this::showInspector);

        Div board = new Div(grid, inspector, new TrackAdder(this::addTrack), keyHelp());
        board.addClassName("board");
        Div side = new Div(members, sync);
        side.addClassName("side");
        Div stage = new Div(board, side);
        stage.addClassName("stage");
        add(header, stage);

        for (KeyModifier command : List.of(KeyModifier.CONTROL, KeyModifier.META)) {
            Shortcuts.addShortcutListener(this, this::undo, Key.KEY_Z, command);
            Shortcuts.addShortcutListener(this, this::redo, Key.KEY_Z, command, KeyModifier.SHIFT);
        }
    }

    static RouteParameters parameters(RoomCode code) {
        return new RouteParameters(CODE, code.value());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String typed = event.getRouteParameters().get(CODE).orElse("");
        try {
            room = rooms.find(typed);
        } catch (RoomException e) {
            event.forwardTo(LobbyView.class, LobbyView.joining(typed));
            return;
        }
        if (DisplayName.remembered().isEmpty()) {
            event.forwardTo(LobbyView.class, LobbyView.joining(room.code().value()));
            return;
        }
        NativeButton undo = historyButton("↶ Undo", "undo", "Undo your last edit (Ctrl+Z)", this::undo);
        NativeButton redo = historyButton("↷ Redo", "redo", "Redo (Ctrl+Shift+Z)", this::redo);
        Div history = new Div(undo, redo);
        history.addClassName("history");
        Span brand = new Span("Lockstep");
        brand.addClassName("brand");
        header.removeAll();
        header.add(brand, new RoomCodeBadge(room.code()), transport, history);
    }

    @Override
    public String getPageTitle() {
        return room == null ? "Lockstep" : "Lockstep · " + room.code();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        if (room == null) {
            return;
        }
        try {
            room.join(DisplayName.remembered().orElseThrow(), Role.MUSICIAN, new Membership(event.getUI()), null, false);
        } catch (RoomException e) {
            removeAll();
            add(new Paragraph("Could not join room " + room.code() + ": " + e.getMessage()));
            room = null;
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (room != null && memberId != null) {
            room.leave(memberId);
            memberId = null;
        }
        super.onDetach(event);
    }

    private void apply(Edit edit) {
        try {
            show(room.edit(memberId, edit).after());
        } catch (RoomException | PatternException e) {
            notice(e.getMessage());
        }
    }

    private void addTrack(Instrument instrument) {
        apply(new Edit.AddTrack(instrument.newTrack(), shown.tracks().size()));
    }

    private void undo() {
        try {
            show(room.undo(memberId));
        } catch (RoomException e) {
            notice("NOTHING_TO_UNDO".equals(e.code()) ? "Nothing of yours to undo" : e.getMessage());
        } catch (PatternException e) {
            notice(e.getMessage());
        }
    }

    private void redo() {
        try {
            show(room.redo(memberId));
        } catch (RoomException e) {
            notice("NOTHING_TO_REDO".equals(e.code()) ? "Nothing to redo" : e.getMessage());
        } catch (PatternException e) {
            notice(e.getMessage());
        }
    }

    private void lead(TimelineChange change) {
        try {
            showTimeline(room.lead(memberId, change));
        } catch (Refusal e) {
            notice(inWords(e));
            showTimeline(room.timeline());
        }
    }

    private void handLead(String to) {
        try {
            room.handLead(memberId, to);
        } catch (Refusal e) {
            notice(inWords(e));
        }
    }

    private void claimLead() {
        try {
            room.claimLead(memberId);
        } catch (Refusal e) {
            notice(inWords(e));
        }
    }

    private void report(SyncReport report) {
        if (memberId == null) {
            return;
        }
        try {
            room.report(memberId, report);
        } catch (RoomException e) {
            notice(e.getMessage());
        }
    }

    /** Refusals a musician can cause by a click, said in their words; the rest as the room words them. */
    private static String inWords(Refusal refusal) {
        return switch (refusal.code()) {
            case "NOT_LEADER" -> "Only the leader can do that";
            case "LEADER_PRESENT" -> "Someone else leads already";
            case "NOT_ELIGIBLE" -> "Only a connected musician can lead";
            case "NOT_PLAYING" -> "Jumping to a bar needs the music playing";
            default -> refusal.getMessage();
        };
    }

    private void showTimeline(Timeline timeline) {
        transport.show(timeline);
        sync.follow(timeline);
    }

    private void showRoom(RoomState state) {
        members.show(state, memberId);
        transport.lead(memberId.equals(state.leaderId()));
    }

    private void show(Pattern pattern) {
        shown = pattern;
        grid.show(pattern);
        showInspector();
    }

    private void showInspector() {
        inspector.show(grid.cursorTrack(), grid.cursorStep());
    }

    private static void notice(String message) {
        Notification.show(message, NOTICE_MILLIS, Notification.Position.BOTTOM_CENTER);
    }

    private static NativeButton historyButton(String label, String id, String description, Runnable action) {
        NativeButton button = new NativeButton(label, e -> action.run());
        button.setId(id);
        button.addClassName("track-button");
        button.getElement().setAttribute("title", description);
        return button;
    }

    private static Paragraph keyHelp() {
        Paragraph help = new Paragraph("←↑↓→ move · Space toggles · + − velocity · Shift+↑↓ note · Shift+click selects"
                + " · Ctrl+Z undo · Ctrl+Shift+Z redo");
        help.addClassName("key-help");
        return help;
    }

    /** The room's events for this view, handed to the UI thread: the room calls in with itself locked. */
    private final class Membership implements RoomListener {

        private final UI ui;

        Membership(UI ui) {
            this.ui = ui;
        }

        /** Called from within room.join on this view's own request thread, so the view may be updated directly. */
        @Override
        public void joined(Joined joined) {
            memberId = joined.memberId();
            showRoom(joined.state());
            showTimeline(joined.timeline());
            show(joined.pattern());
        }

        @Override
        public void patternChanged(byte[] changes, Pattern pattern) {
            // Read the room's pattern when the task runs, not this one: an edit of our own may have been shown since.
            later(() -> {
                if (memberId != null) {
                    show(room.pattern());
                }
            });
        }

        @Override
        public void roomChanged(RoomState state) {
            later(() -> {
                if (memberId != null) {
                    showRoom(state);
                }
            });
        }

        @Override
        public void timelineChanged(Timeline timeline) {
            // Like the pattern: the room's latest when the task runs, never an older one over a newer.
            later(() -> {
                if (memberId != null) {
                    showTimeline(room.timeline());
                }
            });
        }

        private void later(Command task) {
            try {
                ui.access(task);
            } catch (UIDetachedException e) {
                // The page is gone; onDetach leaves the room.
            }
        }
    }
}
