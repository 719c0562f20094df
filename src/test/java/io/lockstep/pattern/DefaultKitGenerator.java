package io.lockstep.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automerge.Document;
import org.automerge.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the shared initial document that every room grows from (src/main/resources/.../default-kit.automerge).
 * Every replica must descend from these same bytes, so they are generated once and committed; regenerate only when
 * the starter kit changes, with:
 * {@code mvn -o -q test -Dtest=DefaultKitGenerator -Dlockstep.writeDefaultKit=true}
 */
class DefaultKitGenerator {

    static final Path RESOURCE = Path.of("src/main/resources/io/lockstep/pattern/default-kit.automerge");

    /** Kick four on the floor, snare backbeat, eighth hats, a bass line around C2 (drum notes are General MIDI). */
    static Layout kit() {
        Map<String, Placed> tracks = new LinkedHashMap<>();
        tracks.put("kick", new Placed(drum("kick", "Kick", "kick", 0.9, 36, 110, 0, 4, 8, 12), 0));
        tracks.put("snare", new Placed(drum("snare", "Snare", "snare", 0.8, 38, 100, 4, 12), 1));
        tracks.put("hat", new Placed(drum("hat", "Hat", "hat_closed", 0.6, 42, 80, 0, 2, 4, 6, 8, 10, 12, 14), 2));
        tracks.put("bass", new Placed(bass(Map.of(0, 36, 3, 36, 6, 43, 8, 36, 11, 39, 14, 34)), 3));
        return new Layout(tracks);
    }

    private static Track drum(String id, String name, String instrument, double volume, int note, int velocity,
                              int... on) {
        List<Step> steps = new ArrayList<>(Collections.nCopies(Pattern.STEPS, Step.off(note)));
        for (int i : on) {
            steps.set(i, new Step(true, velocity, note));
        }
        return new Track(id, name, instrument, TrackKind.DRUM, volume, false, steps);
    }

    private static Track bass(Map<Integer, Integer> notes) {
        List<Step> steps = new ArrayList<>(Collections.nCopies(Pattern.STEPS, Step.off(36)));
        notes.forEach((i, note) -> steps.set(i, new Step(true, 100, note)));
        return new Track("bass", "Bass", "bass", TrackKind.MELODIC, 0.8, false, steps);
    }

    @Test
    @EnabledIfSystemProperty(named = "lockstep.writeDefaultKit", matches = "true")
    void writeInitialDocument() throws IOException, PatternException {
        Document doc = new Document();
        try (Transaction tx = doc.startTransaction()) {
            DocumentWriter.writeRoot(tx);
            DocumentWriter.write(tx, PatternTree.read(tx), kit());
            tx.commit();
        }
        Files.write(RESOURCE, doc.save());
        doc.free();
        try (PatternDocument written = PatternDocument.load(Files.readAllBytes(RESOURCE))) {
            assertThat(written.pattern()).isEqualTo(kit().pattern());
        }
    }
}
