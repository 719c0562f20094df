package io.lockstep.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasEnabled;
import com.vaadin.flow.component.shared.HasThemeVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextFieldVariant;
import io.lockstep.room.TimelineChange;
import io.lockstep.transport.Segment;
import io.lockstep.transport.Timeline;

import java.util.List;
import java.util.function.Consumer;

/**
 * The leader's transport: play and stop (on the bar if asked), tempo typed or tapped, swing, jump to a bar. Everyone
 * sees the tempo, the swing and whether the music rolls; only the leader can change them. The position readout is
 * written by the browser, which knows the song position exactly (frontend/lockstep-room.js).
 */
final class TransportBar extends Div {

    private static final int PERCENT = 100;

    private final Consumer<TimelineChange> changes;
    private final TapTempo taps = new TapTempo();
    private final NativeButton play = button("▶", "play", "Play");
    private final NativeButton stop = button("■", "stop", "Stop");
    private final Checkbox startOnBar = new Checkbox("start on bar");
    private final Checkbox stopAtBarEnd = new Checkbox("stop at bar end");
    private final Span position = new Span("1.1");
    private final NumberField tempo = new NumberField();
    private final NativeButton tap = button("Tap", "tap", "Tap the beat to set the tempo");
    private final IntegerField swing = new IntegerField();
    private final IntegerField bar = new IntegerField();
    private final NativeButton jump = button("Jump", "jump", "Jump to this bar, on the next bar line");

    TransportBar(Consumer<TimelineChange> changes) {
        this.changes = changes;
        setId("transport");
        addClassName("transport");

        play.addClickListener(e -> changes.accept(TimelineChange.play(startOnBar.getValue())));
        stop.addClickListener(e -> changes.accept(TimelineChange.stop(stopAtBarEnd.getValue())));
        startOnBar.setId("start-on-bar");
        stopAtBarEnd.setId("stop-at-bar-end");
        Div options = new Div(startOnBar, stopAtBarEnd);
        options.addClassName("transport-options");
        position.setId("position");
        position.addClassName("position");
        position.getElement().setAttribute("title", "bar.beat");

        tempo.setId("tempo");
        tempo.setMin(Timeline.MIN_BPM);
        tempo.setMax(Timeline.MAX_BPM);
        tempo.setSuffixComponent(new Span("BPM"));
        tempo.setAriaLabel("Tempo in beats per minute");
        tempo.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                changes.accept(TimelineChange.tempo(e.getValue()));
            }
        });
        // The browser's own time of each tap, so the tempo is as steady as the hand, not the network.
        tap.getElement().addEventListener("click", e -> tapped(e.getEventData().get("event.timeStamp").asDouble()))
                .addEventData("event.timeStamp");

        swing.setId("swing");
        swing.setMin(0);
        swing.setMax((int) (Timeline.MAX_SWING * PERCENT));
        swing.setSuffixComponent(new Span("%"));
        swing.setAriaLabel("Swing in percent of a step");
        swing.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                changes.accept(TimelineChange.swing(e.getValue() / (double) PERCENT));
            }
        });

        bar.setId("bar");
        bar.setMin(1);
        bar.setValue(1);
        bar.setAriaLabel("Bar to jump to");
        jump.addClickListener(e -> {
            if (bar.getValue() != null) {
                changes.accept(TimelineChange.seek(bar.getValue() - 1L));
            }
        });

        List.<HasThemeVariant<TextFieldVariant>>of(tempo, swing, bar).forEach(f -> f.addThemeVariants(TextFieldVariant.SMALL));
        add(group("transport-play", play, stop, position, options),
                group("transport-tempo", tempo, tap),
                group("transport-swing", label("Swing"), swing),
                group("transport-jump", label("Bar"), bar, jump));
        lead(false);
    }

    /** The room's timeline: its tempo, swing and whether playback rolls on (a pending stop no longer does). */
    void show(Timeline timeline) {
        tempo.setValue(timeline.bpm());
        swing.setValue((int) Math.round(timeline.swing() * PERCENT));
        boolean rolling = !timeline.segments().isEmpty() && timeline.segments().getLast().untilStep() == Segment.OPEN;
        play.setClassName("rolling", rolling);
        play.getElement().setAttribute("aria-pressed", String.valueOf(rolling));
    }

    /** Whether this musician leads: the controls work for the leader only, the others read them. */
    void lead(boolean leading) {
        setClassName("leading", leading);
        for (HasEnabled control : List.<HasEnabled>of(play, stop, tap, jump, startOnBar, stopAtBarEnd, bar)) {
            control.setEnabled(leading);
        }
        tempo.setReadOnly(!leading);
        swing.setReadOnly(!leading);
        if (leading) {
            getElement().removeAttribute("title");
        } else {
            getElement().setAttribute("title", "The leader sets the tempo and starts the music");
        }
    }

    Span position() {
        return position;
    }

    private void tapped(double millis) {
        taps.tap(millis).ifPresent(bpm -> changes.accept(TimelineChange.tempo(bpm)));
    }

    private static NativeButton button(String text, String id, String description) {
        NativeButton button = new NativeButton(text);
        button.setId(id);
        button.addClassNames("track-button", "transport-button");
        button.getElement().setAttribute("title", description);
        button.getElement().setAttribute("aria-label", description);
        return button;
    }

    private static Span label(String text) {
        Span label = new Span(text);
        label.addClassName("transport-label");
        return label;
    }

    private static Div group(String className, Component... parts) {
        Div group = new Div(parts);
        group.addClassNames("transport-group", className);
        return group;
    }
}
