package io.lockstep.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UndoHistoryTest {

    private final PatternDocument room = PatternDocument.newRoom();
    private final UndoHistory alice = new UndoHistory();

    @AfterEach
    void close() {
        room.close();
    }

    private void aliceDoes(Edit edit) throws PatternException {
        alice.record(room.edit(edit));
    }

    private void apply(List<Edit> edits) throws PatternException {
        for (Edit edit : edits) {
            room.edit(edit);
        }
    }

    @Test
    void undoAndRedoEveryKindOfEdit() throws PatternException {
        Pattern start = room.pattern();
        Track lead = new Track("lead", "Lead", "saw", TrackKind.MELODIC, 0.5, false,
                Collections.nCopies(Pattern.STEPS, Step.off(60)));
        List<Edit> edits = List.of(new Edit.ToggleStep("kick", 1), new Edit.SetVelocity("kick", 0, 5),
                new Edit.SetNote("bass", 0, 40), new Edit.AddTrack(lead, 1), new Edit.RemoveTrack("snare"),
                new Edit.RenameTrack("hat", "Hats"), new Edit.MoveTrack("bass", 0),
                new Edit.SetInstrument("hat", "hat_open"), new Edit.SetVolume("hat", 0.1),
                new Edit.SetMuted("kick", true), new Edit.ClearTrack("hat"));
        for (Edit edit : edits) {
            aliceDoes(edit);
        }
        Pattern end = room.pattern();
        while (alice.canUndo()) {
            apply(alice.undo(room.pattern()));
        }
        assertThat(room.pattern()).isEqualTo(start);
        while (alice.canRedo()) {
            apply(alice.redo(room.pattern()));
        }
        assertThat(room.pattern()).isEqualTo(end);
    }

    @Test
    void undoingARemovalBringsTheTrackBackWithItsContentWhereItWas() throws PatternException {
        room.edit(new Edit.ToggleStep("snare", 7));
        Track snare = room.pattern().track("snare").orElseThrow();
        aliceDoes(new Edit.RemoveTrack("snare"));
        apply(alice.undo(room.pattern()));
        assertThat(room.pattern().indexOf("snare")).isEqualTo(1);
        assertThat(room.pattern().track("snare")).contains(snare);
    }

    @Test
    void undoLeavesAnotherMembersLaterEditsAlone() throws PatternException {
        aliceDoes(new Edit.SetStep("kick", 2, new Step(true, 50, 40)));
        aliceDoes(new Edit.RenameTrack("bass", "Alice bass"));
        room.edit(new Edit.SetVelocity("kick", 2, 99));
        room.edit(new Edit.RenameTrack("bass", "Bob bass"));

        apply(alice.undo(room.pattern()));
        assertThat(room.pattern().track("bass").orElseThrow().name()).isEqualTo("Bob bass");
        apply(alice.undo(room.pattern()));
        Step step = room.pattern().track("kick").orElseThrow().step(2);
        assertThat(step.on()).isFalse();
        assertThat(step.velocity()).isEqualTo(99);
        assertThat(step.note()).isEqualTo(36);
    }

    @Test
    void undoOfAMoveDoesNothingWhenSomeoneMovedTheTrackSince() throws PatternException {
        aliceDoes(new Edit.MoveTrack("bass", 0));
        room.edit(new Edit.MoveTrack("bass", 2));
        assertThat(alice.undo(room.pattern())).isEmpty();
    }

    @Test
    void undoOfAMovePutsTheTrackBackBesideItsOldNeighboursAfterOthersChangedTheList() throws PatternException {
        aliceDoes(new Edit.MoveTrack("hat", 0));
        room.edit(new Edit.RemoveTrack("snare"));

        apply(alice.undo(room.pattern()));

        assertThat(room.pattern().tracks()).extracting(Track::id).containsExactly("kick", "hat", "bass");
        apply(alice.redo(room.pattern()));
        assertThat(room.pattern().tracks()).extracting(Track::id).containsExactly("hat", "kick", "bass");
    }

    @Test
    void undoOfAMoveThatSwappedTwoNeighboursMovesTheTrackThatWasMoved() throws PatternException {
        PatternDocument bens = PatternDocument.load(room.save());
        byte[] hatToTop = bens.edit(new Edit.MoveTrack("hat", 0)).changes();
        room.edit(new Edit.RemoveTrack("snare"));
        alice.record(room.applyChanges(hatToTop));
        bens.close();
        assertThat(room.pattern().tracks()).extracting(Track::id).containsExactly("hat", "kick", "bass");

        apply(alice.undo(room.pattern()));

        assertThat(room.pattern().tracks()).extracting(Track::id).containsExactly("kick", "hat", "bass");
    }

    @Test
    void undoingARemovalAfterOthersAddedTracksRestoresItBetweenTheSameNeighbours() throws PatternException {
        aliceDoes(new Edit.RemoveTrack("snare"));
        Track clap = new Track("clap", "Clap", "clap", TrackKind.DRUM, 0.8, false,
                Collections.nCopies(Pattern.STEPS, Step.off(60)));
        room.edit(new Edit.AddTrack(clap, 0));

        apply(alice.undo(room.pattern()));

        assertThat(room.pattern().tracks()).extracting(Track::id).containsExactly("clap", "kick", "snare", "hat", "bass");
    }

    @Test
    void historyKeepsTheLastHundredEdits() throws PatternException {
        for (int i = 0; i < UndoHistory.DEPTH + 5; i++) {
            aliceDoes(new Edit.ToggleStep("hat", 1));
        }
        int undone = 0;
        while (alice.canUndo()) {
            apply(alice.undo(room.pattern()));
            undone++;
        }
        assertThat(undone).isEqualTo(UndoHistory.DEPTH);
        assertThat(room.pattern().track("hat").orElseThrow().step(1).on()).isTrue();
    }
}
