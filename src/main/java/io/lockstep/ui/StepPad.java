package io.lockstep.ui;

import com.vaadin.flow.component.html.Div;
import io.lockstep.pattern.Step;
import io.lockstep.pattern.Track;
import io.lockstep.pattern.TrackKind;

import java.util.Locale;

/**
 * One step of one track: lit when on, filled as high as it is loud, and showing its note on melodic tracks.
 * {@code data-step} lets a playhead light a whole column.
 */
final class StepPad extends Div {

    private final int index;

    StepPad(int index) {
        this.index = index;
        addClassName("pad");
        getElement().setAttribute("data-step", String.valueOf(index));
        getElement().setAttribute("role", "gridcell");
    }

    void show(Track track) {
        Step step = track.step(index);
        setClassName("on", step.on());
        getStyle().set("--velocity", String.format(Locale.ROOT, "%.3f", step.velocity() / (double) Step.MAX_VELOCITY));
        boolean melodic = track.kind() == TrackKind.MELODIC;
        String label = melodic && step.on() ? NoteName.of(step.note()) : "";
        if (!label.equals(getText())) {
            setText(label);
        }
        getElement().setAttribute("aria-label", track.name() + " step " + (index + 1)
                + (step.on() ? ", on, velocity " + step.velocity() : ", off")
                + (melodic ? ", note " + NoteName.of(step.note()) : ""));
    }

    void showCursor(boolean here) {
        setClassName("cursor", here);
    }

    int index() {
        return index;
    }
}
