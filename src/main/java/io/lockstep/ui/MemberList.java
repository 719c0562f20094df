package io.lockstep.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.Span;
import io.lockstep.room.MemberView;
import io.lockstep.room.Presence;
import io.lockstep.room.Role;
import io.lockstep.room.RoomState;
import io.lockstep.room.SyncReport;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Who is in the room, whether their connection is up, what they are, who leads and how well each one's clock is
 * synced. The leader can hand the lead to another connected musician; when nobody leads, a musician can take it.
 */
final class MemberList extends Div {

    private final Consumer<String> handLeadTo;
    private final Runnable claimLead;
    private final Span count = new Span();
    private final Div members = new Div();

    MemberList(Consumer<String> handLeadTo, Runnable claimLead) {
        this.handLeadTo = handLeadTo;
        this.claimLead = claimLead;
        setId("members");
        addClassName("member-list");
        count.setId("member-count");
        members.addClassName("members");
        H2 heading = new H2("In the room ");
        heading.add(count);
        add(heading, members);
    }

    void show(RoomState state, String myId) {
        count.setText(String.valueOf(state.count()));
        members.removeAll();
        boolean iLead = myId.equals(state.leaderId());
        boolean nobodyLeads = state.leaderId() == null;
        for (MemberView m : state.members()) {
            boolean me = m.id().equals(myId);
            Div line = line(m, me);
            if (iLead && !me && m.role() == Role.MUSICIAN && m.presence() == Presence.CONNECTED) {
                line.add(action("Hand lead", "hand-lead", "Hand the lead to " + m.name(), () -> handLeadTo.accept(m.id())));
            }
            if (nobodyLeads && me && m.role() == Role.MUSICIAN) {
                NativeButton claim = action("Lead", "claim-lead", "Nobody leads: take the lead", claimLead);
                claim.setId("claim-lead");
                line.add(claim);
            }
            members.add(line);
        }
    }

    private static Div line(MemberView member, boolean me) {
        String presence = member.presence().wireName();
        Span dot = new Span();
        dot.addClassNames("presence", presence);
        dot.getElement().setAttribute("title", presence);
        Span name = new Span(member.name() + (me ? " (you)" : ""));
        name.addClassName("member-name");
        Span role = new Span(member.role().wireName());
        role.addClassName("member-role");
        Div about = new Div(name, role);
        about.addClassName("member-about");
        if (member.sync() != null) {
            about.add(sync(member.sync()));
        }
        Div line = new Div(dot, about);
        if (member.leader()) {
            Span leader = new Span("leader");
            leader.addClassName("leader-badge");
            line.add(leader);
        }
        line.addClassNames("member", presence);
        line.getElement().setAttribute("aria-label", member.name() + ", " + member.role().wireName() + ", " + presence
                + (member.leader() ? ", leader" : ""));
        return line;
    }

    /** Compact: the round trip and how far the member's clock may be off; the drift in the tooltip. */
    private static Span sync(SyncReport report) {
        Span sync = new Span(SyncPanel.millis(report.rttMicros()) + " ms ±" + SyncPanel.millis(report.uncertaintyMicros()));
        sync.addClassName("member-sync");
        sync.getElement().setAttribute("title", String.format(Locale.ROOT,
                "clock: round trip %s ms, offset within ±%s ms, drift %+.1f ppm",
                SyncPanel.millis(report.rttMicros()), SyncPanel.millis(report.uncertaintyMicros()), report.driftPpm()));
        return sync;
    }

    private static NativeButton action(String text, String className, String description, Runnable action) {
        NativeButton button = new NativeButton(text, e -> action.run());
        button.addClassNames("track-button", "member-action", className);
        button.getElement().setAttribute("title", description);
        button.getElement().setAttribute("aria-label", description);
        return button;
    }
}
