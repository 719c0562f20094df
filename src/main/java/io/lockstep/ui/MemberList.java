package io.lockstep.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import io.lockstep.room.MemberView;
import io.lockstep.room.RoomState;

/** Who is in the room, whether their connection is up, what they are, and who leads. */
final class MemberList extends Div {

    private final Span count = new Span();
    private final Div members = new Div();

    MemberList() {
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
        state.members().forEach(m -> members.add(line(m, m.id().equals(myId))));
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
        Div line = new Div(dot, name, role);
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
}
