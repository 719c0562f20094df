package io.lockstep.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Replicas that edit concurrently and receive each other's changes in any order, with duplicates, converge. */
class ConvergenceProperties {

    private static final int REPLICAS = 3;

    @Property(tries = 40)
    void replicasConverge(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int editsPerReplica)
            throws PatternException {
        Random random = new Random(seed);
        List<PatternDocument> replicas = new ArrayList<>();
        try (PatternDocument origin = PatternDocument.newRoom()) {
            for (int i = 0; i < REPLICAS; i++) {
                replicas.add(PatternDocument.load(origin.save()));
            }
        }
        try {
            List<byte[]> sent = new ArrayList<>();
            for (int round = 0; round < editsPerReplica; round++) {
                for (PatternDocument replica : replicas) {
                    Delta delta = tryEdit(replica, randomEdit(random, replica.pattern()));
                    if (delta != null && delta.changes().length > 0) {
                        sent.add(delta.changes());
                    }
                }
            }
            for (PatternDocument replica : replicas) {
                List<byte[]> inbox = new ArrayList<>(sent);
                inbox.addAll(sent.subList(0, random.nextInt(sent.size() + 1)));
                Collections.shuffle(inbox, random);
                for (byte[] changes : inbox) {
                    try {
                        replica.applyChanges(changes);
                    } catch (PatternException e) {
                        assertThat(e.code()).isEqualTo(PatternException.NO_NEW_CHANGE);
                    }
                }
            }
            for (PatternDocument replica : replicas) {
                assertThat(replica.heads()).isEqualTo(replicas.getFirst().heads());
                assertThat(replica.pattern()).isEqualTo(replicas.getFirst().pattern());
                try (PatternDocument reloaded = PatternDocument.load(replica.save())) {
                    assertThat(reloaded.pattern()).isEqualTo(replica.pattern());
                }
            }
        } finally {
            replicas.forEach(PatternDocument::close);
        }
    }

    private static Delta tryEdit(PatternDocument replica, Edit edit) {
        try {
            return replica.edit(edit);
        } catch (PatternException e) {
            return null;
        }
    }

    /** Any kind of edit on a random track; adds stay few enough that concurrent adds cannot pass 16 tracks. */
    private static Edit randomEdit(Random r, Pattern p) {
        if (p.tracks().isEmpty()) {
            return add(r, p);
        }
        String id = p.tracks().get(r.nextInt(p.tracks().size())).id();
        int step = r.nextInt(Pattern.STEPS);
        return switch (r.nextInt(13)) {
            case 0, 1 -> new Edit.ToggleStep(id, step);
            case 2 -> new Edit.SetVelocity(id, step, 1 + r.nextInt(127));
            case 3 -> new Edit.SetNote(id, step, r.nextInt(128));
            case 4 -> new Edit.SetStep(id, step, new Step(r.nextBoolean(), 1 + r.nextInt(127), r.nextInt(128)));
            case 5 -> p.tracks().size() < 8 ? add(r, p) : new Edit.RemoveTrack(id);
            case 6 -> new Edit.RemoveTrack(id);
            case 7 -> new Edit.RenameTrack(id, "T" + r.nextInt(100));
            case 8, 9 -> new Edit.MoveTrack(id, r.nextInt(p.tracks().size()));
            case 10 -> new Edit.SetInstrument(id, "synth_" + r.nextInt(5));
            case 11 -> r.nextBoolean() ? new Edit.SetVolume(id, r.nextInt(11) / 10.0) : new Edit.SetMuted(id, r.nextBoolean());
            default -> new Edit.ClearTrack(id);
        };
    }

    private static Edit add(Random r, Pattern p) {
        Track track = new Track(TrackIds.next(), "New", "beep", TrackKind.MELODIC, 0.7, false,
                Collections.nCopies(Pattern.STEPS, Step.off(60)));
        return new Edit.AddTrack(track, r.nextInt(p.tracks().size() + 1));
    }
}
