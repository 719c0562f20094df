package io.lockstep.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.RangeInput;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.select.SelectVariant;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldVariant;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.lockstep.pattern.Edit;
import io.lockstep.pattern.Track;

import java.util.function.Consumer;

/**
 * The head of a track row: its name, instrument, volume and mute, and the buttons that clear, move and remove it.
 * Only what the musician changes becomes an edit; values arriving from the room are just shown.
 */
final class TrackControls extends Div {

    private final String trackId;
    private final TextField name = new TextField();
    private final Select<Instrument> instrument = new Select<>();
    private final RangeInput volume = new RangeInput(ValueChangeMode.LAZY);
    private final NativeButton mute = button("M", "mute", "Mute");
    private final NativeButton up = button("↑", "move-up", "Move up");
    private final NativeButton down = button("↓", "move-down", "Move down");
    private final NativeButton clear = button("⌫", "clear", "Clear all steps");
    private final NativeButton remove = button("✕", "remove", "Remove track");
    private Track shown;
    private int position;

    TrackControls(Track track, Consumer<Edit> edits) {
        trackId = track.id();
        addClassName("track-controls");

        name.addClassName("track-name");
        name.addThemeVariants(TextFieldVariant.SMALL);
        name.setMaxLength(40);
        name.setAriaLabel("Track name");
        name.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            if (e.getValue().isBlank()) {
                name.setValue(shown.name());
            } else {
                edits.accept(new Edit.RenameTrack(trackId, e.getValue().strip()));
            }
        });

        instrument.addClassName("track-instrument");
        instrument.setAriaLabel("Instrument");
        instrument.addThemeVariants(SelectVariant.SMALL);
        instrument.setItems(Instrument.ofKind(track.kind()));
        instrument.setItemLabelGenerator(Instrument::label);
        instrument.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                edits.accept(new Edit.SetInstrument(trackId, e.getValue().synthdef));
            }
        });

        volume.addClassName("track-volume");
        volume.setAriaLabel("Volume");
        // In whole percent: musicians set a level, not a gain factor.
        volume.setMin(0);
        volume.setMax(100);
        volume.setStep(1.0);
        volume.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                edits.accept(new Edit.SetVolume(trackId, e.getValue() / 100));
            }
        });

        mute.addClickListener(e -> edits.accept(new Edit.SetMuted(trackId, !shown.muted())));
        up.addClickListener(e -> edits.accept(new Edit.MoveTrack(trackId, position - 1)));
        down.addClickListener(e -> edits.accept(new Edit.MoveTrack(trackId, position + 1)));
        clear.addClickListener(e -> edits.accept(new Edit.ClearTrack(trackId)));
        remove.addClickListener(e -> edits.accept(new Edit.RemoveTrack(trackId)));

        Div buttons = new Div(mute, up, down, clear, remove);
        buttons.addClassName("track-buttons");
        add(name, instrument, volume, buttons);
    }

    /** Shows the track at display position {@code position} of {@code count}. */
    void show(Track track, int position, int count) {
        this.shown = track;
        this.position = position;
        if (!name.getValue().equals(track.name())) {
            name.setValue(track.name());
        }
        Instrument.bySynthdef(track.instrument()).ifPresent(i -> {
            if (i != instrument.getValue()) {
                instrument.setValue(i);
            }
        });
        double percent = Math.round(track.volume() * 100);
        if (volume.getValue() == null || volume.getValue() != percent) {
            volume.setValue(percent);
        }
        mute.setClassName("active", track.muted());
        mute.getElement().setAttribute("aria-pressed", String.valueOf(track.muted()));
        up.setEnabled(position > 0);
        down.setEnabled(position < count - 1);
    }

    private static NativeButton button(String glyph, String className, String description) {
        NativeButton button = new NativeButton(glyph);
        button.addClassNames("track-button", className);
        button.getElement().setAttribute("title", description);
        button.getElement().setAttribute("aria-label", description);
        return button;
    }
}
