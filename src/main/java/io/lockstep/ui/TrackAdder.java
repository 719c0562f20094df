package io.lockstep.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.select.SelectVariant;

import java.util.List;
import java.util.function.Consumer;

/** Adds a new track below the others, playing the instrument picked beside the button. */
final class TrackAdder extends Div {

    TrackAdder(Consumer<Instrument> adding) {
        addClassName("track-adder");
        Select<Instrument> instrument = new Select<>();
        instrument.setId("new-track-instrument");
        instrument.setAriaLabel("Instrument of the new track");
        instrument.addThemeVariants(SelectVariant.SMALL);
        instrument.setItems(List.of(Instrument.values()));
        instrument.setItemLabelGenerator(Instrument::label);
        instrument.setValue(Instrument.LEAD);
        NativeButton add = new NativeButton("+ Add track", e -> adding.accept(instrument.getValue()));
        add.setId("add-track");
        add.addClassName("track-button");
        add(instrument, add);
    }
}
