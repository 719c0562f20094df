package io.lockstep.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.Span;
import io.lockstep.room.RoomCode;

/** The room's code, large enough to read aloud, with a button that copies it for pasting into a chat. */
final class RoomCodeBadge extends Div {

    RoomCodeBadge(RoomCode code) {
        addClassName("room-code");
        Span label = new Span("Room");
        label.addClassName("room-code-label");
        Span value = new Span(code.value());
        value.setId("room-code");
        NativeButton copy = new NativeButton("Copy");
        copy.setId("copy-code");
        copy.addClassName("track-button");
        copy.getElement().setAttribute("title", "Copy the room code");
        copy.addClickListener(e -> {
            copy.getElement().executeJs("navigator.clipboard.writeText($0)", code.value());
            copy.setText("Copied");
        });
        add(label, value, copy);
    }
}
