package io.lockstep.ui;

import com.vaadin.flow.component.html.Div;
import io.lockstep.pattern.Edit;
import io.lockstep.pattern.Pattern;
import io.lockstep.pattern.Track;
import io.lockstep.pattern.TrackKind;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** One track across the grid: its controls, then its sixteen pads. */
final class TrackRow extends Div {

    /** What a click on a pad asks for; shift-click only selects the step, a plain click also toggles it. */
    interface PadClicks {
        void clicked(String trackId, int step, boolean selectOnly);
    }

    private final String trackId;
    private final TrackControls controls;
    private static final int STEPS_PER_BEAT = 4;

    private final List<StepPad> pads = new ArrayList<>(Pattern.STEPS);

    TrackRow(Track track, Consumer<Edit> edits, PadClicks clicks) {
        trackId = track.id();
        addClassName("track-row");
        getElement().setAttribute("role", "row");
        setClassName("melodic", track.kind() == TrackKind.MELODIC);
        controls = new TrackControls(track, edits);
        // Pads come in beats of four, set apart, so the bar reads at a glance.
        Div strip = new Div();
        strip.addClassName("pads");
        Div beat = null;
        for (int i = 0; i < Pattern.STEPS; i++) {
            if (i % STEPS_PER_BEAT == 0) {
                beat = new Div();
                beat.addClassName("beat");
                strip.add(beat);
            }
            StepPad pad = new StepPad(i);
            pad.addClickListener(e -> clicks.clicked(trackId, pad.index(), e.isShiftKey()));
            pads.add(pad);
            beat.add(pad);
        }
        add(controls, strip);
    }

    void show(Track track, int position, int count) {
        controls.show(track, position, count);
        setClassName("muted", track.muted());
        pads.forEach(pad -> pad.show(track));
    }

    /** Puts the cursor on {@code step}, or takes it off this row with -1. */
    void showCursor(int step) {
        pads.forEach(pad -> pad.showCursor(pad.index() == step));
    }

    String trackId() {
        return trackId;
    }
}
