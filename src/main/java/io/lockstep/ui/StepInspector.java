package io.lockstep.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.RangeInput;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.lockstep.pattern.Edit;
import io.lockstep.pattern.Step;
import io.lockstep.pattern.Track;
import io.lockstep.pattern.TrackKind;

import java.util.Optional;
import java.util.function.Consumer;

/** The step under the cursor, up close: how hard it plays and, on melodic tracks, which note. */
final class StepInspector extends Div {

    private final Consumer<Edit> edits;
    private final Span title = new Span();
    private final RangeInput velocity = new RangeInput(ValueChangeMode.LAZY);
    private final Span velocityValue = new Span();
    private final Span note = new Span();
    private final Div noteControl;
    private Track track;
    private int step;

    StepInspector(Consumer<Edit> edits) {
        this.edits = edits;
        setId("inspector");
        addClassName("inspector");
        title.addClassName("inspector-title");

        velocity.setId("velocity");
        velocity.setAriaLabel("Velocity");
        velocity.setMin(Step.MIN_VELOCITY);
        velocity.setMax(Step.MAX_VELOCITY);
        velocity.setStep(1.0);
        velocity.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null && track != null) {
                edits.accept(new Edit.SetVelocity(track.id(), step, e.getValue().intValue()));
            }
        });
        velocityValue.setId("velocity-value");
        velocityValue.addClassName("inspector-value");
        Div velocityControl = new Div(new Span("Velocity"), velocity, velocityValue);
        velocityControl.addClassName("inspector-control");

        note.setId("note");
        note.addClassName("inspector-value");
        noteControl = new Div(new Span("Note"), noteButton("−12", "note-octave-down", -12), noteButton("−", "note-down", -1),
                note, noteButton("+", "note-up", 1), noteButton("+12", "note-octave-up", 12));
        noteControl.addClassName("inspector-control");
        add(title, velocityControl, noteControl);
    }

    void show(Optional<Track> cursorTrack, int cursorStep) {
        track = cursorTrack.orElse(null);
        step = cursorStep;
        setVisible(track != null);
        if (track == null) {
            return;
        }
        Step shown = track.step(step);
        title.setText(track.name() + " · step " + (step + 1) + (shown.on() ? "" : " · off"));
        velocity.setValue((double) shown.velocity());
        velocityValue.setText(String.valueOf(shown.velocity()));
        noteControl.setVisible(track.kind() == TrackKind.MELODIC);
        note.setText(NoteName.of(shown.note()));
    }

    private NativeButton noteButton(String label, String id, int semitones) {
        NativeButton button = new NativeButton(label, e -> {
            int next = track.step(step).note() + semitones;
            if (next >= 0 && next <= Step.MAX_NOTE) {
                edits.accept(new Edit.SetNote(track.id(), step, next));
            }
        });
        button.setId(id);
        button.addClassName("track-button");
        return button;
    }
}
