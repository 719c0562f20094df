package io.lockstep.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.automerge.NewValue;
import org.automerge.ObjectId;
import org.automerge.ObjectType;
import org.automerge.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PatternDocumentTest {

    private final PatternDocument room = PatternDocument.newRoom();

    @AfterEach
    void close() {
        room.close();
    }

    @Test
    void newRoomHasTheDefaultKitWithAStarterGroove() {
        Pattern p = room.pattern();
        assertThat(p.tracks()).extracting(Track::id).containsExactly("kick", "snare", "hat", "bass");
        assertThat(p.tracks()).extracting(Track::instrument).containsExactly("kick", "snare", "hat_closed", "bass");
        assertThat(onSteps(p.track("kick").orElseThrow())).containsExactly(0, 4, 8, 12);
        assertThat(onSteps(p.track("snare").orElseThrow())).containsExactly(4, 12);
        assertThat(onSteps(p.track("hat").orElseThrow())).containsExactly(0, 2, 4, 6, 8, 10, 12, 14);
        Track bass = p.track("bass").orElseThrow();
        assertThat(bass.kind()).isEqualTo(TrackKind.MELODIC);
        assertThat(bass.steps()).filteredOn(Step::on).allSatisfy(s -> assertThat(s.note()).isBetween(28, 48));
    }

    @Test
    void roomsShareTheInitialDocumentButNotTheirActor() throws PatternException {
        try (PatternDocument other = PatternDocument.newRoom()) {
            assertThat(other.heads()).isEqualTo(room.heads());
            Delta a = room.edit(new Edit.ToggleStep("kick", 1));
            Delta b = other.edit(new Edit.ToggleStep("snare", 2));
            room.applyChanges(b.changes());
            other.applyChanges(a.changes());
            assertThat(room.pattern()).isEqualTo(other.pattern());
            assertThat(room.pattern().track("kick").orElseThrow().step(1).on()).isTrue();
            assertThat(room.pattern().track("snare").orElseThrow().step(2).on()).isTrue();
        }
    }

    @Test
    void concurrentWritesToOneStepConvergeWhicheverArrivesFirst() throws PatternException {
        try (PatternDocument other = PatternDocument.load(room.save())) {
            Delta mine = room.edit(new Edit.SetVelocity("kick", 0, 10));
            Delta theirs = other.edit(new Edit.SetVelocity("kick", 0, 20));
            room.applyChanges(theirs.changes());
            other.applyChanges(mine.changes());
            assertThat(room.pattern()).isEqualTo(other.pattern());
            assertThat(room.pattern().track("kick").orElseThrow().step(0).velocity()).isIn(10, 20);
        }
    }

    @Test
    void eachEditChangesThePatternAsAUserWouldSee() throws PatternException {
        room.edit(new Edit.ToggleStep("kick", 1));
        room.edit(new Edit.SetVelocity("kick", 1, 42));
        room.edit(new Edit.SetNote("bass", 2, 40));
        room.edit(new Edit.SetStep("snare", 0, new Step(true, 7, 50)));
        room.edit(new Edit.RenameTrack("hat", "Hats"));
        room.edit(new Edit.SetInstrument("hat", "hat_open"));
        room.edit(new Edit.SetVolume("hat", 0.25));
        room.edit(new Edit.SetMuted("hat", true));
        room.edit(new Edit.ClearTrack("kick"));
        room.edit(new Edit.MoveTrack("bass", 0));
        Track lead = new Track("lead", "Lead", "saw", TrackKind.MELODIC, 0.5, false,
                java.util.Collections.nCopies(Pattern.STEPS, Step.off(60)));
        room.edit(new Edit.AddTrack(lead, 2));
        room.edit(new Edit.RemoveTrack("snare"));

        Pattern p = room.pattern();
        assertThat(p.tracks()).extracting(Track::id).containsExactly("bass", "kick", "lead", "hat");
        assertThat(p.track("kick").orElseThrow().steps()).noneMatch(Step::on);
        assertThat(p.track("kick").orElseThrow().step(1).velocity()).isEqualTo(42);
        assertThat(p.track("bass").orElseThrow().step(2).note()).isEqualTo(40);
        assertThat(p.track("hat").orElseThrow()).extracting(Track::name, Track::instrument, Track::volume, Track::muted)
                .containsExactly("Hats", "hat_open", 0.25, true);
        try (PatternDocument reloaded = PatternDocument.load(room.save())) {
            assertThat(reloaded.pattern()).isEqualTo(p);
            assertThat(reloaded.heads()).isEqualTo(room.heads());
        }
    }

    @Test
    void oneEditIsOneSmallChangeThatAnotherReplicaApplies() throws PatternException {
        try (PatternDocument replica = PatternDocument.load(room.save())) {
            Delta delta = room.edit(new Edit.ToggleStep("kick", 3));
            assertThat(delta.changed()).isTrue();
            assertThat(delta.changes().length).isBetween(50, 200);
            Delta applied = replica.applyChanges(delta.changes());
            assertThat(applied.after()).isEqualTo(room.pattern());
            assertThat(applied.changes()).isEqualTo(delta.changes());
            assertThat(replica.heads()).isEqualTo(room.heads());
        }
    }

    @Test
    void anEditThatChangesNothingMakesNoChange() throws PatternException {
        List<String> heads = room.heads();
        Delta delta = room.edit(new Edit.RenameTrack("kick", "Kick"));
        assertThat(delta.changed()).isFalse();
        assertThat(delta.changes()).isEmpty();
        assertThat(room.edit(new Edit.MoveTrack("kick", 0)).changed()).isFalse();
        assertThat(room.heads()).isEqualTo(heads);
    }

    static List<Object[]> badEdits() {
        Track kickCopy = DefaultKitGenerator.kit().pattern().track("kick").orElseThrow();
        return List.of(
                new Object[] {new Edit.ToggleStep("kick", 16), PatternException.OUT_OF_RANGE},
                new Object[] {new Edit.ToggleStep("kick", -1), PatternException.OUT_OF_RANGE},
                new Object[] {new Edit.SetVelocity("kick", 0, 0), PatternException.OUT_OF_RANGE},
                new Object[] {new Edit.SetVelocity("kick", 0, 128), PatternException.OUT_OF_RANGE},
                new Object[] {new Edit.SetNote("bass", 0, 128), PatternException.OUT_OF_RANGE},
                new Object[] {new Edit.SetVolume("kick", 1.5), PatternException.OUT_OF_RANGE},
                new Object[] {new Edit.SetVolume("kick", Double.NaN), PatternException.OUT_OF_RANGE},
                new Object[] {new Edit.MoveTrack("kick", 4), PatternException.OUT_OF_RANGE},
                new Object[] {new Edit.ToggleStep("cowbell", 0), PatternException.UNKNOWN_TRACK},
                new Object[] {new Edit.RemoveTrack("cowbell"), PatternException.UNKNOWN_TRACK},
                new Object[] {new Edit.AddTrack(kickCopy, 0), PatternException.DUPLICATE_TRACK},
                new Object[] {new Edit.AddTrack(renamedId(kickCopy, "bad id!"), 0), PatternException.BAD_NAME},
                new Object[] {new Edit.AddTrack(renamedId(kickCopy, "k2"), 5), PatternException.OUT_OF_RANGE},
                new Object[] {new Edit.RenameTrack("kick", ""), PatternException.BAD_NAME},
                new Object[] {new Edit.RenameTrack("kick", "x".repeat(41)), PatternException.BAD_NAME},
                new Object[] {new Edit.SetInstrument("kick", "Kick Drum"), PatternException.BAD_INSTRUMENT});
    }

    @ParameterizedTest
    @MethodSource("badEdits")
    void badEditsAreRejectedWithTheirCodeAndChangeNothing(Edit edit, String code) {
        Pattern before = room.pattern();
        List<String> heads = room.heads();
        assertThatThrownBy(() -> room.edit(edit)).isInstanceOfSatisfying(PatternException.class,
                e -> assertThat(e.code()).isEqualTo(code));
        assertThat(room.pattern()).isEqualTo(before);
        assertThat(room.heads()).isEqualTo(heads);
    }

    @Test
    void aSeventeenthTrackIsRejected() throws PatternException {
        Track kick = room.pattern().track("kick").orElseThrow();
        for (int i = 0; i < 12; i++) {
            room.edit(new Edit.AddTrack(renamedId(kick, "t" + i), i));
        }
        assertThat(room.pattern().tracks()).hasSize(16);
        assertThatThrownBy(() -> room.edit(new Edit.AddTrack(renamedId(kick, "t99"), 0)))
                .isInstanceOfSatisfying(PatternException.class,
                        e -> assertThat(e.code()).isEqualTo(PatternException.TOO_MANY_TRACKS));
    }

    @Test
    void repeatedMovesBetweenTheSameNeighboursKeepTheOrderTheUserAskedFor() throws PatternException {
        for (int i = 0; i < 80; i++) {
            String id = i % 2 == 0 ? "bass" : "hat";
            room.edit(new Edit.MoveTrack(id, 1));
        }
        assertThat(room.pattern().tracks()).extracting(Track::id).containsExactly("kick", "hat", "bass", "snare");
        try (PatternDocument reloaded = PatternDocument.load(room.save())) {
            assertThat(reloaded.pattern()).isEqualTo(room.pattern());
        }
    }

    @Test
    void garbageIsRejectedAndChangesNothing() {
        assertRejected(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, PatternException.BAD_CHANGE);
        assertRejected(new byte[0], PatternException.BAD_CHANGE);
    }

    @Test
    void aChangeTheDocumentHasIsNothingNew() throws PatternException {
        try (PatternDocument replica = PatternDocument.load(room.save())) {
            Delta delta = replica.edit(new Edit.ToggleStep("kick", 3));
            room.applyChanges(delta.changes());
            assertRejected(delta.changes(), PatternException.NO_NEW_CHANGE);
        }
    }

    @Test
    void changesArrivingBeforeTheirDependenciesWaitForThem() throws PatternException {
        try (PatternDocument replica = PatternDocument.load(room.save())) {
            Delta first = replica.edit(new Edit.ToggleStep("kick", 3));
            Delta second = replica.edit(new Edit.SetVelocity("kick", 3, 9));
            Delta held = room.applyChanges(second.changes());
            assertThat(held.changed()).isFalse();
            assertThat(held.changes()).isEmpty();
            Delta both = room.applyChanges(first.changes());
            assertThat(both.after().track("kick").orElseThrow().step(3)).isEqualTo(new Step(true, 9, 36));
            assertThat(room.heads()).isEqualTo(replica.heads());
            assertThat(hashes(both.changes())).isEqualTo(hashes(first.changes(), second.changes()));
        }
    }

    @Test
    void heldChangesAreSavedWithTheDocument() throws PatternException {
        try (PatternDocument replica = PatternDocument.load(room.save())) {
            Delta first = replica.edit(new Edit.ToggleStep("kick", 3));
            Delta second = replica.edit(new Edit.SetVelocity("kick", 3, 9));
            room.applyChanges(second.changes());
            try (PatternDocument reloaded = PatternDocument.load(room.save())) {
                reloaded.applyChanges(first.changes());
                assertThat(reloaded.heads()).isEqualTo(replica.heads());
            }
        }
    }

    @Test
    void aConcurrentChangeIsForwardedAsItCame() throws PatternException {
        try (PatternDocument stale = PatternDocument.load(room.save())) {
            room.edit(new Edit.ToggleStep("hat", 1));
            room.edit(new Edit.ToggleStep("hat", 2));
            Delta theirs = stale.edit(new Edit.SetVelocity("kick", 0, 5));
            Delta applied = room.applyChanges(theirs.changes());
            assertThat(applied.changes()).isEqualTo(theirs.changes());
            assertThat(room.heads()).hasSize(2);
            assertThat(applied.after().track("kick").orElseThrow().step(0).velocity()).isEqualTo(5);
        }
    }

    @Test
    void aPayloadRepeatingAKnownChangeForwardsOnlyTheNewOne() throws PatternException {
        try (PatternDocument replica = PatternDocument.load(room.save())) {
            Delta first = replica.edit(new Edit.ToggleStep("kick", 3));
            Delta second = replica.edit(new Edit.ToggleStep("kick", 5));
            room.applyChanges(first.changes());
            Delta applied = room.applyChanges(concat(first.changes(), second.changes()));
            assertThat(applied.changes()).isEqualTo(second.changes());
        }
    }

    @Test
    void aTextNameEditedInPlaceIsReadAgain() throws PatternException {
        try (RawReplica raw = new RawReplica(room)) {
            room.applyChanges(raw.change((tx, tracks) ->
                    tx.spliceText(tx.set(RawReplica.map(tx, tracks, "hat"), "name", ObjectType.TEXT), 0, 0, "Hat")));
            Delta renamed = room.applyChanges(raw.change((tx, tracks) -> {
                ObjectId name = ((org.automerge.AmValue.Text) tx.get(RawReplica.map(tx, tracks, "hat"), "name")
                        .orElseThrow()).getId();
                tx.spliceText(name, 3, 0, "s");
            }));
            assertThat(renamed.after().track("hat").orElseThrow().name()).isEqualTo("Hats");
            try (RawReplica emptied = new RawReplica(room)) {
                assertRejected(emptied.change((tx, tracks) -> {
                    ObjectId name = ((org.automerge.AmValue.Text) tx.get(RawReplica.map(tx, tracks, "hat"), "name")
                            .orElseThrow()).getId();
                    tx.spliceText(name, 0, 4, "");
                }), PatternException.SCHEMA_VIOLATION);
            }
        }
    }

    @Test
    void aTrackReplacedConcurrentlyIsReadFromItsNewMapAndEditsToTheOldOneVanish() throws PatternException {
        try (RawReplica replacer = new RawReplica(room); RawReplica stale = new RawReplica(room)) {
            byte[] replace = replacer.change((tx, tracks) ->
                    writeTrack(tx, tx.set(tracks, "kick", ObjectType.MAP), "New"));
            byte[] oldEdit = stale.change((tx, tracks) -> tx.set(RawReplica.step(tx, tracks, "kick", 1), "on", true));
            room.applyChanges(replace);
            Delta delta = room.applyChanges(oldEdit);
            Track kick = delta.after().track("kick").orElseThrow();
            assertThat(kick.name()).isEqualTo("New");
            assertThat(kick.step(1).on()).isFalse();
            Delta next = room.applyChanges(replacer.change((tx, tracks) ->
                    tx.set(RawReplica.step(tx, tracks, "kick", 2), "on", true)));
            assertThat(next.after().track("kick").orElseThrow().step(2).on()).isTrue();
            assertReadsAsAFreshLoad();
        }
    }

    @Test
    void whenTheWinnerOfConcurrentReplacementsIsDeletedTheLoserIsRead() throws PatternException {
        try (RawReplica a = new RawReplica(room); RawReplica b = new RawReplica(room);
             RawReplica deleter = new RawReplica(room)) {
            byte[] fromA = a.change((tx, tracks) -> writeTrack(tx, tx.set(tracks, "kick", ObjectType.MAP), "A"));
            byte[] fromB = b.change((tx, tracks) -> writeTrack(tx, tx.set(tracks, "kick", ObjectType.MAP), "B"));
            room.applyChanges(fromA);
            String winner = room.applyChanges(fromB).after().track("kick").orElseThrow().name();
            deleter.doc.applyEncodedChanges(winner.equals("A") ? fromA : fromB);
            Delta delta = room.applyChanges(deleter.change((tx, tracks) -> tx.delete(tracks, "kick")));
            assertThat(delta.after().track("kick").orElseThrow().name()).isEqualTo(winner.equals("A") ? "B" : "A");
            assertReadsAsAFreshLoad();
        }
    }

    static List<Object[]> schemaViolations() {
        return List.<Object[]>of(
                new Object[] {"17th step", (BiConsumer<Transaction, ObjectId>) (tx, tracks) -> {
                    ObjectId steps = ((org.automerge.AmValue.List) tx.get(RawReplica.map(tx, tracks, "kick"), "steps")
                            .orElseThrow()).getId();
                    ObjectId step = tx.insert(steps, 16, ObjectType.MAP);
                    tx.set(step, "on", true);
                    tx.set(step, "velocity", 100);
                    tx.set(step, "note", 36);
                }},
                new Object[] {"velocity 500", (BiConsumer<Transaction, ObjectId>) (tx, tracks) ->
                        tx.set(RawReplica.step(tx, tracks, "kick", 2), "velocity", 500)},
                new Object[] {"fractional note", (BiConsumer<Transaction, ObjectId>) (tx, tracks) ->
                        tx.set(RawReplica.step(tx, tracks, "bass", 2), "note", 36.5)},
                new Object[] {"on as a string", (BiConsumer<Transaction, ObjectId>) (tx, tracks) ->
                        tx.set(RawReplica.step(tx, tracks, "kick", 2), "on", "yes")},
                new Object[] {"missing velocity", (BiConsumer<Transaction, ObjectId>) (tx, tracks) ->
                        tx.delete(RawReplica.step(tx, tracks, "kick", 2), "velocity")},
                new Object[] {"tracks deleted", (BiConsumer<Transaction, ObjectId>) (tx, tracks) ->
                        tx.delete(ObjectId.ROOT, "tracks")},
                new Object[] {"schema 2", (BiConsumer<Transaction, ObjectId>) (tx, tracks) ->
                        tx.set(ObjectId.ROOT, "schema", 2)},
                new Object[] {"volume 3", (BiConsumer<Transaction, ObjectId>) (tx, tracks) ->
                        tx.set(RawReplica.map(tx, tracks, "hat"), "volume", 3.0)},
                new Object[] {"position NaN", (BiConsumer<Transaction, ObjectId>) (tx, tracks) ->
                        tx.set(RawReplica.map(tx, tracks, "hat"), "position", Double.NaN)},
                new Object[] {"bad instrument", (BiConsumer<Transaction, ObjectId>) (tx, tracks) ->
                        tx.set(RawReplica.map(tx, tracks, "hat"), "instrument", "../etc")},
                new Object[] {"bad track id", (BiConsumer<Transaction, ObjectId>) (tx, tracks) ->
                        tx.set(tracks, "no spaces allowed", ObjectType.MAP)},
                new Object[] {"kind unknown", (BiConsumer<Transaction, ObjectId>) (tx, tracks) ->
                        tx.set(RawReplica.map(tx, tracks, "hat"), "kind", "cowbell")},
                new Object[] {"steps replaced", (BiConsumer<Transaction, ObjectId>) (tx, tracks) ->
                        tx.set(RawReplica.map(tx, tracks, "hat"), "steps", ObjectType.LIST)});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaViolations")
    void changesThatBreakTheSchemaAreRejectedAndRolledBack(String what, BiConsumer<Transaction, ObjectId> write)
            throws PatternException {
        room.edit(new Edit.ToggleStep("kick", 1));
        try (RawReplica raw = new RawReplica(room)) {
            assertRejected(raw.change(write), PatternException.SCHEMA_VIOLATION);
        }
        Delta after = room.edit(new Edit.ToggleStep("kick", 5));
        assertThat(after.after().track("kick").orElseThrow().step(5).on()).isTrue();
        try (PatternDocument reloaded = PatternDocument.load(room.save())) {
            assertThat(reloaded.pattern()).isEqualTo(room.pattern());
        }
    }

    @Test
    void readsNumbersAndStringsAsOtherAutomergeWritersStoreThem() throws PatternException {
        try (RawReplica raw = new RawReplica(room)) {
            byte[] change = raw.change((tx, tracks) -> {
                ObjectId hat = RawReplica.map(tx, tracks, "hat");
                ObjectId name = tx.set(hat, "name", ObjectType.TEXT);
                tx.spliceText(name, 0, 0, "Hi-hat");
                tx.setUint(hat, "volume", 1);
                tx.set(hat, "position", NewValue.integer(-1));
                ObjectId step = RawReplica.step(tx, tracks, "hat", 1);
                tx.set(step, "velocity", 64.0);
                tx.setUint(step, "note", 44);
                tx.set(step, "on", true);
            });
            Delta delta = room.applyChanges(change);
            Track hat = delta.after().tracks().getFirst();
            assertThat(hat.id()).isEqualTo("hat");
            assertThat(hat.name()).isEqualTo("Hi-hat");
            assertThat(hat.volume()).isEqualTo(1.0);
            assertThat(hat.step(1)).isEqualTo(new Step(true, 64, 44));
            room.edit(new Edit.RenameTrack("hat", "Hats"));
            assertThat(room.pattern().track("hat").orElseThrow().name()).isEqualTo("Hats");
        }
    }

    @Test
    void loadRefusesWhatIsNotAPattern() {
        assertThatThrownBy(() -> PatternDocument.load(new byte[] {1, 2, 3}))
                .isInstanceOfSatisfying(PatternException.class,
                        e -> assertThat(e.code()).isEqualTo(PatternException.BAD_DOCUMENT));
        org.automerge.Document empty = new org.automerge.Document();
        try (Transaction tx = empty.startTransaction()) {
            tx.set(ObjectId.ROOT, "title", "not a pattern");
            tx.commit();
        }
        byte[] bytes = empty.save();
        empty.free();
        assertThatThrownBy(() -> PatternDocument.load(bytes)).isInstanceOfSatisfying(PatternException.class,
                e -> assertThat(e.code()).isEqualTo(PatternException.BAD_DOCUMENT));
    }

    @Test
    void changesSinceHeadsBringAReplicaUpToDate() throws PatternException {
        try (PatternDocument replica = PatternDocument.load(room.save())) {
            List<String> heads = replica.heads();
            room.edit(new Edit.ToggleStep("kick", 1));
            room.edit(new Edit.RenameTrack("bass", "Sub"));
            replica.applyChanges(room.changesSince(heads));
            assertThat(replica.pattern()).isEqualTo(room.pattern());
            assertThatThrownBy(() -> room.changesSince(List.of("zz"))).isInstanceOf(PatternException.class);
        }
    }

    @Test
    void aClosedDocumentRefusesUse() {
        PatternDocument doc = PatternDocument.newRoom();
        SyncSession session = doc.startSync();
        doc.close();
        doc.close();
        assertThatThrownBy(doc::pattern).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(doc::save).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> doc.edit(new Edit.ToggleStep("kick", 0))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::nextMessage).isInstanceOf(IllegalStateException.class);
        session.close();
    }

    private void assertRejected(byte[] changes, String code) {
        Pattern before = room.pattern();
        List<String> heads = room.heads();
        byte[] saved = room.save();
        assertThatThrownBy(() -> room.applyChanges(changes)).isInstanceOfSatisfying(PatternException.class,
                e -> assertThat(e.code()).isEqualTo(code));
        assertThat(room.heads()).isEqualTo(heads);
        assertThat(room.pattern()).isEqualTo(before);
        assertThat(room.save()).isEqualTo(saved);
    }

    private void assertReadsAsAFreshLoad() throws PatternException {
        try (PatternDocument reloaded = PatternDocument.load(room.save())) {
            assertThat(room.pattern()).isEqualTo(reloaded.pattern());
        }
    }

    private static void writeTrack(Transaction tx, ObjectId map, String name) {
        tx.set(map, "name", name);
        tx.set(map, "instrument", "kick");
        tx.set(map, "kind", "drum");
        tx.set(map, "volume", 1.0);
        tx.set(map, "muted", false);
        tx.set(map, "position", 0.0);
        ObjectId steps = tx.set(map, "steps", ObjectType.LIST);
        for (int i = 0; i < Pattern.STEPS; i++) {
            ObjectId step = tx.insert(steps, i, ObjectType.MAP);
            tx.set(step, "on", false);
            tx.set(step, "velocity", 100);
            tx.set(step, "note", 36);
        }
    }

    private static Set<String> hashes(byte[]... payloads) throws PatternException {
        Set<String> hashes = new HashSet<>();
        for (byte[] payload : payloads) {
            ChangeChunks.changeHashes(payload).forEach(h -> hashes.add(HexFormat.of().formatHex(h)));
        }
        return hashes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static Track renamedId(Track track, String id) {
        return new Track(id, track.name(), track.instrument(), track.kind(), track.volume(), track.muted(), track.steps());
    }

    private static List<Integer> onSteps(Track track) {
        return java.util.stream.IntStream.range(0, Pattern.STEPS).filter(i -> track.step(i).on()).boxed().toList();
    }
}
