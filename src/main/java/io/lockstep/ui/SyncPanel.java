package io.lockstep.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import io.lockstep.room.SyncReport;
import io.lockstep.transport.Timeline;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * How closely this browser's clock follows the room's: round trip, offset and how sure it is, drift, samples. The
 * browser runs the clock and, from it and the room's timeline, the playhead (frontend/lockstep-room.js, started here);
 * it reports its numbers back through {@link #synced}, and the room hears them so every member's list shows them and
 * the room's lead time follows real round trips.
 */
final class SyncPanel extends Div {

    /** Where Maven puts frontend/lockstep-room.js, relative to the application's root (the page's base URL). */
    static final String MODULE = "lockstep/lockstep-room.js";

    private final Component grid;
    private final Component position;
    private final Consumer<SyncReport> reports;
    private final Span state = new Span("syncing…");
    private final Span roundTrip = value("sync-rtt");
    private final Span offset = value("sync-offset");
    private final Span drift = value("sync-drift");
    private final Span samples = value("sync-samples");

    /** {@code grid} holds the pads the playhead lights; {@code position} is where it writes bar.beat. */
    SyncPanel(Component grid, Component position, Consumer<SyncReport> reports) {
        this.grid = grid;
        this.position = position;
        this.reports = reports;
        setId("sync");
        addClassName("sync-panel");
        H2 heading = new H2("Clock ");
        state.setId("sync-state");
        heading.add(state);
        add(heading, row("Round trip", roundTrip), row("Offset", offset), row("Drift", drift), row("Samples", samples));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        getElement().executeJs("return import(new URL($0, document.baseURI)).then(m => { m.start(this, $1, $2); })",
                MODULE, grid.getElement(), position.getElement());
    }

    /** The room's timeline, for the browser's playhead; kept on the element too, for a module still loading. */
    void follow(Timeline timeline) {
        getElement().executeJs("this.lockstepTimeline = $0; if (this.lockstep) this.lockstep.follow($0);", timeline.toMap());
    }

    /** The browser's clock quality, in microseconds and parts per million. */
    @ClientCallable
    void synced(long roundTripMicros, long offsetMicros, long uncertaintyMicros, double driftPpm, int sampleCount) {
        if (roundTripMicros < 0 || uncertaintyMicros < 0 || !Double.isFinite(driftPpm)) {
            return;
        }
        state.setText("in sync");
        roundTrip.setText(millis(roundTripMicros) + " ms");
        offset.setText(String.format(Locale.ROOT, "%+.2f ± %s ms", offsetMicros / 1000.0, millis(uncertaintyMicros)));
        drift.setText(String.format(Locale.ROOT, "%+.1f ppm", driftPpm));
        samples.setText(String.valueOf(sampleCount));
        reports.accept(new SyncReport(roundTripMicros, uncertaintyMicros, driftPpm));
    }

    /** Microseconds as milliseconds, to the hundredth below 10 ms and the tenth above: as precise as it is useful. */
    static String millis(long micros) {
        double ms = micros / 1000.0;
        return String.format(Locale.ROOT, ms < 10 ? "%.2f" : "%.1f", ms);
    }

    private static Span value(String id) {
        Span value = new Span("—");
        value.setId(id);
        value.addClassName("sync-value");
        return value;
    }

    private static Div row(String name, Span value) {
        Span label = new Span(name);
        label.addClassName("sync-label");
        Div row = new Div(label, value);
        row.addClassName("sync-row");
        return row;
    }
}
