package io.lockstep.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.automerge.ChangeHash;
import org.automerge.ObjectId;
import org.automerge.ObjectType;
import org.automerge.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The objects a change writes to, decoded from its bytes, are exactly those its transaction wrote to. */
class ChangeSummaryTest {

    private final PatternDocument room = PatternDocument.newRoom();
    private final RawReplica replica = new RawReplica(room);

    @AfterEach
    void close() {
        replica.close();
        room.close();
    }

    @Test
    void aStepWriteTargetsTheStepMapCreatedByTheKitsActor() throws PatternException {
        Set<String> written = new HashSet<>();
        ChangeSummary summary = summarise((tx, tracks) -> {
            ObjectId step = RawReplica.step(tx, tracks, "kick", 3);
            tx.set(step, "on", true);
            written.add(step.toString());
        });
        assertThat(summary.objects()).isEqualTo(written);
    }

    @Test
    void writesToManyObjectsAndTheRootAreAllListed() throws PatternException {
        Set<String> written = new HashSet<>(Set.of(ChangeSummary.ROOT));
        ChangeSummary summary = summarise((tx, tracks) -> {
            for (String id : List.of("kick", "snare", "hat", "bass")) {
                for (int i = 0; i < Pattern.STEPS; i += 3) {
                    ObjectId step = RawReplica.step(tx, tracks, id, i);
                    tx.set(step, "velocity", 1 + i);
                    written.add(step.toString());
                }
                ObjectId track = RawReplica.map(tx, tracks, id);
                tx.set(track, "muted", true);
                written.add(track.toString());
            }
            tx.set(ObjectId.ROOT, "note", "ignored by readers");
        });
        assertThat(summary.objects()).isEqualTo(written);
    }

    @Test
    void aNewTrackListsTheTracksMapAndEveryObjectItCreates() throws PatternException {
        Set<String> written = new HashSet<>();
        ChangeSummary summary = summarise((tx, tracks) -> {
            written.add(tracks.toString());
            ObjectId track = tx.set(tracks, "lead", ObjectType.MAP);
            written.add(track.toString());
            tx.set(track, "name", "Lead");
            ObjectId steps = tx.set(track, "steps", ObjectType.LIST);
            written.add(steps.toString());
            for (int i = 0; i < Pattern.STEPS; i++) {
                ObjectId step = tx.insert(steps, i, ObjectType.MAP);
                tx.set(step, "on", false);
                written.add(step.toString());
            }
            ObjectId text = tx.set(track, "kind", ObjectType.TEXT);
            tx.spliceText(text, 0, 0, "melodic");
            written.add(text.toString());
        });
        assertThat(summary.objects()).isEqualTo(written);
    }

    @Test
    void hashAndDependenciesAreTheChangesOwn() throws PatternException {
        ChangeHash[] before = replica.doc.getHeads();
        ChangeSummary summary = summarise((tx, tracks) -> tx.set(RawReplica.step(tx, tracks, "hat", 1), "on", true));
        assertThat(hex(summary.hash())).isEqualTo(hex(replica.doc.getHeads()[0].getBytes()));
        assertThat(summary.deps()).extracting(ChangeSummaryTest::hex)
                .containsExactlyInAnyOrder(Arrays.stream(before).map(h -> hex(h.getBytes())).toArray(String[]::new));
    }

    @Test
    void aBodyItCannotDecodeYieldsNothing() throws PatternException {
        byte[] hash = new byte[32];
        assertThat(ChangeSummary.of(new ChangeChunks.Chunk(true, hash, new byte[] {5, 1, 2}))).isEmpty();
        assertThat(ChangeSummary.of(new ChangeChunks.Chunk(true, hash, new byte[0]))).isEmpty();
        assertThat(ChangeSummary.of(new ChangeChunks.Chunk(false, hash, room.save()))).isEmpty();
        assertThat(ChangeSummary.objectsOf(ChangeChunks.split(room.save()))).isEmpty();
    }

    private ChangeSummary summarise(BiConsumer<Transaction, ObjectId> write) throws PatternException {
        List<ChangeChunks.Chunk> chunks = ChangeChunks.split(replica.change(write));
        assertThat(chunks).hasSize(1);
        return ChangeSummary.of(chunks.getFirst()).orElseThrow();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
