package io.lockstep.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.lockstep.room.Room;
import io.lockstep.room.RoomException;
import io.lockstep.room.RoomService;

/**
 * Where a musician arrives: pick a name, then start a room or join one by its code. A shared link to a room
 * lands here (with the code filled in) when this browser has no name yet or the room is gone.
 */
@Route("")
@PageTitle("Lockstep")
@StyleSheet("context://lockstep.css")
public class LobbyView extends Div implements BeforeEnterObserver {

    /** Query parameter carrying a room code to join, from a shared link. */
    static final String JOIN_PARAMETER = "join";

    private final RoomService rooms;
    private final TextField name = new TextField("Your name");
    private final TextField code = new TextField("Room code");

    public LobbyView(RoomService rooms) {
        this.rooms = rooms;
        addClassName("lobby");

        name.setId("name");
        name.setMaxLength(32);
        name.setPlaceholder("how the room sees you");
        DisplayName.remembered().ifPresent(name::setValue);

        Button create = new Button("Start a new room", e -> create());
        create.setId("create");
        create.addThemeVariants(ButtonVariant.PRIMARY);

        code.setId("code");
        code.setPlaceholder("toka-miru");
        Button join = new Button("Join", e -> join());
        join.setId("join");
        code.addKeyPressListener(Key.ENTER, e -> join());

        Div joinRow = new Div(code, join);
        joinRow.addClassName("lobby-join");
        Span or = new Span("or join a friend's room");
        or.addClassName("lobby-or");

        Div card = new Div(new H1("Lockstep"),
                new Paragraph("One pattern, many hands. Everyone in a room edits the same 16 steps, live."),
                name, create, or, joinRow);
        card.addClassName("lobby-card");
        add(card);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter(JOIN_PARAMETER).ifPresent(typed -> {
            code.setValue(typed);
            try {
                rooms.find(typed);
            } catch (RoomException e) {
                showCodeError(e);
            }
        });
    }

    static QueryParameters joining(String code) {
        return QueryParameters.of(JOIN_PARAMETER, code);
    }

    private void create() {
        if (nameChosen()) {
            enter(rooms.create());
        }
    }

    private void join() {
        if (!nameChosen()) {
            return;
        }
        try {
            enter(rooms.find(code.getValue()));
        } catch (RoomException e) {
            showCodeError(e);
        }
    }

    private void showCodeError(RoomException e) {
        code.setErrorMessage("UNKNOWN_ROOM".equals(e.code())
                ? "No room with that code is open. Check the code, or start a new room."
                : e.getMessage());
        code.setInvalid(true);
    }

    private boolean nameChosen() {
        boolean chosen = !name.getValue().isBlank();
        name.setErrorMessage("Choose a name so the others know who is playing.");
        name.setInvalid(!chosen);
        if (chosen) {
            DisplayName.remember(name.getValue());
        }
        return chosen;
    }

    private void enter(Room room) {
        getUI().ifPresent(ui -> ui.navigate(RoomView.class, RoomView.parameters(room.code())));
    }
}
