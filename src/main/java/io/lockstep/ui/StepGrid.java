package io.lockstep.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.dom.DomEvent;
import io.lockstep.pattern.Edit;
import io.lockstep.pattern.Pattern;
import io.lockstep.pattern.Step;
import io.lockstep.pattern.Track;
import io.lockstep.pattern.TrackKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The pattern as rows of pads, with a cursor the keyboard drives: arrows move it, Space or Enter toggles,
 * + and - change velocity, Shift+Up/Down change a melodic step's note. Rows are kept per track id, so a
 * change re-renders only what differs and the cursor follows its track when tracks move.
 */
final class StepGrid extends Div {

    static final int VELOCITY_STEP = 8;

    /** Keys the grid handles itself, when it (not a control inside it) has focus; the browser must not scroll on them. */
    static final String OWN_KEY = "event.target === element && "
            + "['ArrowUp','ArrowDown','ArrowLeft','ArrowRight',' ','Enter','+','=','-'].includes(event.key)";

    private final Consumer<Edit> edits;
    private final Map<String, TrackRow> rows = new LinkedHashMap<>();
    private Runnable cursorMoved = () -> { };
    private Pattern pattern = new Pattern(List.of());
    private String cursorTrack;
    private int cursorStep;

    StepGrid(Consumer<Edit> edits) {
        this.edits = edits;
        setId("grid");
        addClassName("step-grid");
        getElement().setAttribute("tabindex", "0");
        getElement().setAttribute("role", "grid");
        getElement().setAttribute("aria-label", "Pattern: arrows move, Space toggles, + and - set velocity,"
                + " Shift+Up and Shift+Down change the note");
        getElement().addEventListener("keydown", this::keyPressed)
                .addEventData("event.key")
                .addEventData("event.shiftKey")
                .addEventData("(" + OWN_KEY + ") && event.preventDefault()")
                .setFilter(OWN_KEY);
    }

    void onCursorMove(Runnable listener) {
        cursorMoved = listener;
    }

    void show(Pattern next) {
        pattern = next;
        Map<String, TrackRow> shown = new LinkedHashMap<>();
        List<Track> tracks = next.tracks();
        for (int i = 0; i < tracks.size(); i++) {
            Track track = tracks.get(i);
            TrackRow row = rows.get(track.id());
            if (row == null) {
                row = new TrackRow(track, edits, this::padClicked);
            }
            row.show(track, i, tracks.size());
            shown.put(track.id(), row);
        }
        if (!getChildren().toList().equals(List.copyOf(shown.values()))) {
            removeAll();
            shown.values().forEach(this::add);
        }
        int oldRow = rows.isEmpty() || cursorTrack == null ? 0 : List.copyOf(rows.keySet()).indexOf(cursorTrack);
        rows.clear();
        rows.putAll(shown);
        if (cursorTrack == null || !rows.containsKey(cursorTrack)) {
            cursorTrack = tracks.isEmpty() ? null : tracks.get(Math.min(Math.max(oldRow, 0), tracks.size() - 1)).id();
        }
        paintCursor();
    }

    Optional<Track> cursorTrack() {
        return cursorTrack == null ? Optional.empty() : pattern.track(cursorTrack);
    }

    int cursorStep() {
        return cursorStep;
    }

    private void padClicked(String trackId, int step, boolean selectOnly) {
        moveCursor(trackId, step);
        if (!selectOnly) {
            edits.accept(new Edit.ToggleStep(trackId, step));
        }
    }

    private void keyPressed(DomEvent event) {
        Optional<Track> track = cursorTrack();
        if (track.isEmpty()) {
            return;
        }
        String key = event.getEventData().get("event.key").asString();
        boolean shift = event.getEventData().get("event.shiftKey").asBoolean();
        Step step = track.get().step(cursorStep);
        boolean melodic = track.get().kind() == TrackKind.MELODIC;
        switch (key) {
            case "ArrowLeft" -> moveCursor(cursorTrack, Math.floorMod(cursorStep - 1, Pattern.STEPS));
            case "ArrowRight" -> moveCursor(cursorTrack, Math.floorMod(cursorStep + 1, Pattern.STEPS));
            case "ArrowUp" -> {
                if (shift) {
                    changeNote(melodic, step.note() + 1);
                } else {
                    moveRow(-1);
                }
            }
            case "ArrowDown" -> {
                if (shift) {
                    changeNote(melodic, step.note() - 1);
                } else {
                    moveRow(1);
                }
            }
            case " ", "Enter" -> edits.accept(new Edit.ToggleStep(cursorTrack, cursorStep));
            case "+", "=" -> changeVelocity(step.velocity() + VELOCITY_STEP);
            case "-" -> changeVelocity(step.velocity() - VELOCITY_STEP);
            default -> { }
        }
    }

    private void moveRow(int by) {
        List<Track> tracks = pattern.tracks();
        int row = Math.clamp(pattern.indexOf(cursorTrack) + by, 0, tracks.size() - 1);
        moveCursor(tracks.get(row).id(), cursorStep);
    }

    private void changeNote(boolean melodic, int note) {
        if (melodic && note >= 0 && note <= Step.MAX_NOTE) {
            edits.accept(new Edit.SetNote(cursorTrack, cursorStep, note));
        }
    }

    private void changeVelocity(int velocity) {
        edits.accept(new Edit.SetVelocity(cursorTrack, cursorStep,
                Math.clamp(velocity, Step.MIN_VELOCITY, Step.MAX_VELOCITY)));
    }

    private void moveCursor(String trackId, int step) {
        cursorTrack = trackId;
        cursorStep = step;
        paintCursor();
        cursorMoved.run();
    }

    private void paintCursor() {
        rows.values().forEach(row -> row.showCursor(row.trackId().equals(cursorTrack) ? cursorStep : -1));
    }
}
