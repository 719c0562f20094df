package io.lockstep.ui;

import com.vaadin.flow.server.VaadinSession;

import java.util.Optional;

/** The name this browser session plays under, remembered so that every room it joins knows it without asking again. */
final class DisplayName {

    private static final String ATTRIBUTE = DisplayName.class.getName();

    private DisplayName() {
    }

    static Optional<String> remembered() {
        return Optional.ofNullable((String) VaadinSession.getCurrent().getAttribute(ATTRIBUTE));
    }

    static void remember(String name) {
        VaadinSession.getCurrent().setAttribute(ATTRIBUTE, name.strip());
    }
}
