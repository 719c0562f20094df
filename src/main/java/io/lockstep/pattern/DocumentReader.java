package io.lockstep.pattern;

import static io.lockstep.pattern.PatternException.SCHEMA_VIOLATION;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.automerge.AmValue;
import org.automerge.MapEntry;
import org.automerge.ObjectId;
import org.automerge.Read;

/**
 * Reads the parts of the pattern out of an Automerge document and checks them against the schema
 * (docs/PROTOCOL.md, section 6); PatternTree decides which parts to read. Each map is read with one mapEntries call:
 * a call into the binding costs microseconds however little it returns. Lenient where other writers differ:
 * integers may be Int, UInt or integral F64; strings may be scalars or Text.
 */
final class DocumentReader {

    static final int SCHEMA_VERSION = 1;

    /** A track's own fields; its steps list is read separately so that unchanged steps need not be. */
    record TrackFields(String name, String instrument, TrackKind kind, double volume, boolean muted, double position,
                       ObjectId steps, List<ObjectId> texts) {
    }

    private DocumentReader() {
    }

    /** The root's tracks map, once the schema version is checked. */
    static ObjectId tracks(Read doc) throws PatternException {
        long schema = integer(doc.get(ObjectId.ROOT, "schema"), "schema");
        check(schema == SCHEMA_VERSION, "unsupported schema " + schema);
        return map(doc.get(ObjectId.ROOT, "tracks"), "tracks");
    }

    /** The track maps by id, in the document's key order. */
    static Map<String, ObjectId> trackMaps(Read doc, ObjectId tracks) throws PatternException {
        MapEntry[] entries = doc.mapEntries(tracks).orElseThrow();
        check(entries.length <= TrackRules.MAX_TRACKS, "more than 16 tracks");
        Map<String, ObjectId> maps = new LinkedHashMap<>();
        for (MapEntry entry : entries) {
            check(TrackRules.validId(entry.getKey()), "bad track id " + entry.getKey());
            maps.put(entry.getKey(), map(Optional.of(entry.getValue()), "track " + entry.getKey()));
        }
        return maps;
    }

    static TrackFields track(Read doc, String id, ObjectId map) throws PatternException {
        Map<String, AmValue> fields = fields(doc, map);
        List<ObjectId> texts = new ArrayList<>();
        String name = string(doc, fields.get("name"), "name", texts);
        String instrument = string(doc, fields.get("instrument"), "instrument", texts);
        String kind = string(doc, fields.get("kind"), "kind", texts);
        double volume = number(fields.get("volume"), "volume");
        double position = number(fields.get("position"), "position");
        check(TrackRules.validName(name), "bad name on track " + id);
        check(TrackRules.validInstrument(instrument), "bad instrument on track " + id);
        check(kind.equals("drum") || kind.equals("melodic"), "bad kind on track " + id);
        check(volume >= 0.0 && volume <= 1.0, "volume out of 0-1 on track " + id);
        check(fields.get("muted") instanceof AmValue.Bool, "muted must be a boolean on track " + id);
        check(fields.get("steps") instanceof AmValue.List, "steps must be a list on track " + id);
        return new TrackFields(name, instrument, TrackKind.fromWire(kind), volume,
                ((AmValue.Bool) fields.get("muted")).getValue(), position,
                ((AmValue.List) fields.get("steps")).getId(), List.copyOf(texts));
    }

    /** The step maps of a track's steps list, which must hold exactly 16. */
    static List<ObjectId> stepMaps(Read doc, String id, ObjectId steps) throws PatternException {
        AmValue[] items = doc.listItems(steps).orElseThrow();
        check(items.length == Pattern.STEPS, "track " + id + " has " + items.length + " steps, not 16");
        List<ObjectId> maps = new ArrayList<>(Pattern.STEPS);
        for (AmValue item : items) {
            maps.add(map(Optional.of(item), "step"));
        }
        return maps;
    }

    static Step step(Read doc, ObjectId step) throws PatternException {
        Map<String, AmValue> fields = fields(doc, step);
        check(fields.get("on") instanceof AmValue.Bool, "step.on must be a boolean");
        long velocity = integer(Optional.ofNullable(fields.get("velocity")), "velocity");
        long note = integer(Optional.ofNullable(fields.get("note")), "note");
        check(velocity >= Step.MIN_VELOCITY && velocity <= Step.MAX_VELOCITY, "velocity " + velocity + " out of 1-127");
        check(note >= 0 && note <= Step.MAX_NOTE, "note " + note + " out of 0-127");
        return new Step(((AmValue.Bool) fields.get("on")).getValue(), (int) velocity, (int) note);
    }

    private static Map<String, AmValue> fields(Read doc, ObjectId map) {
        Map<String, AmValue> fields = new HashMap<>();
        for (MapEntry entry : doc.mapEntries(map).orElseThrow()) {
            fields.put(entry.getKey(), entry.getValue());
        }
        return fields;
    }

    private static ObjectId map(Optional<AmValue> value, String what) throws PatternException {
        check(value.isPresent() && value.get() instanceof AmValue.Map, what + " must be a map");
        return ((AmValue.Map) value.get()).getId();
    }

    /** A scalar string, or a Text object's content (its id goes to {@code texts}: edits to it change the track). */
    private static String string(Read doc, AmValue value, String what, List<ObjectId> texts) throws PatternException {
        return switch (value) {
            case AmValue.Str s -> s.getValue();
            case AmValue.Text t -> {
                texts.add(t.getId());
                yield doc.text(t.getId()).orElseThrow();
            }
            case null, default -> throw violation(what + " must be a string");
        };
    }

    private static long integer(Optional<AmValue> value, String what) throws PatternException {
        return switch (value.orElse(null)) {
            case AmValue.Int i -> i.getValue();
            case AmValue.UInt u when u.getValue() >= 0 -> u.getValue();
            case AmValue.F64 f when f.getValue() == Math.rint(f.getValue()) && Math.abs(f.getValue()) < 1e15 ->
                    (long) f.getValue();
            case null, default -> throw violation(what + " must be an integer");
        };
    }

    private static double number(AmValue value, String what) throws PatternException {
        double number = switch (value) {
            case AmValue.Int i -> i.getValue();
            case AmValue.UInt u when u.getValue() >= 0 -> u.getValue();
            case AmValue.F64 f -> f.getValue();
            case null, default -> throw violation(what + " must be a number");
        };
        check(Double.isFinite(number), what + " must be finite");
        return number;
    }

    private static void check(boolean ok, String message) throws PatternException {
        if (!ok) {
            throw violation(message);
        }
    }

    private static PatternException violation(String message) {
        return new PatternException(SCHEMA_VIOLATION, message);
    }
}
