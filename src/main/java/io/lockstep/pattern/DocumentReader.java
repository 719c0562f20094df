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
 * Reads the pattern out of an Automerge document and checks it against the schema (docs/pattern-schema.md).
 * Lenient where other writers differ: integers may be Int, UInt or integral F64; strings may be scalars or Text.
 */
final class DocumentReader {

    static final int SCHEMA_VERSION = 1;

    private DocumentReader() {
    }

    static Layout layout(Read doc) throws PatternException {
        long schema = integer(doc.get(ObjectId.ROOT, "schema"), "schema");
        check(schema == SCHEMA_VERSION, "unsupported schema " + schema);
        ObjectId tracks = map(doc.get(ObjectId.ROOT, "tracks"), "tracks");
        Map<String, Placed> placed = new LinkedHashMap<>();
        for (MapEntry entry : doc.mapEntries(tracks).orElseThrow()) {
            placed.put(entry.getKey(), track(doc, entry.getKey(), entry.getValue()));
        }
        check(placed.size() <= TrackRules.MAX_TRACKS, "more than 16 tracks");
        return new Layout(placed);
    }

    private static Step step(Read doc, ObjectId step) throws PatternException {
        Map<String, AmValue> fields = fields(doc, step);
        check(fields.get("on") instanceof AmValue.Bool, "step.on must be a boolean");
        long velocity = integer(fields, "velocity");
        long note = integer(fields, "note");
        check(velocity >= Step.MIN_VELOCITY && velocity <= Step.MAX_VELOCITY, "velocity " + velocity + " out of 1-127");
        check(note >= 0 && note <= Step.MAX_NOTE, "note " + note + " out of 0-127");
        return new Step(((AmValue.Bool) fields.get("on")).getValue(), (int) velocity, (int) note);
    }

    private static Placed track(Read doc, String id, AmValue value) throws PatternException {
        check(TrackRules.validId(id), "bad track id " + id);
        Map<String, AmValue> fields = fields(doc, map(Optional.of(value), "track " + id));
        String name = string(doc, fields.get("name"), "name");
        String instrument = string(doc, fields.get("instrument"), "instrument");
        String kind = string(doc, fields.get("kind"), "kind");
        double volume = number(fields.get("volume"), "volume");
        double position = number(fields.get("position"), "position");
        check(TrackRules.validName(name), "bad name on track " + id);
        check(TrackRules.validInstrument(instrument), "bad instrument on track " + id);
        check(kind.equals("drum") || kind.equals("melodic"), "bad kind on track " + id);
        check(volume >= 0.0 && volume <= 1.0, "volume out of 0-1 on track " + id);
        check(fields.get("muted") instanceof AmValue.Bool, "muted must be a boolean on track " + id);
        check(fields.get("steps") instanceof AmValue.List, "steps must be a list on track " + id);
        AmValue[] items = doc.listItems(((AmValue.List) fields.get("steps")).getId()).orElseThrow();
        check(items.length == Pattern.STEPS, "track " + id + " has " + items.length + " steps, not 16");
        List<Step> steps = new ArrayList<>(Pattern.STEPS);
        for (AmValue item : items) {
            steps.add(step(doc, map(Optional.of(item), "step")));
        }
        Track track = new Track(id, name, instrument, TrackKind.fromWire(kind), volume,
                ((AmValue.Bool) fields.get("muted")).getValue(), steps);
        return new Placed(track, position);
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

    private static String string(Read doc, AmValue value, String what) throws PatternException {
        return switch (value) {
            case AmValue.Str s -> s.getValue();
            case AmValue.Text t -> doc.text(t.getId()).orElseThrow();
            case null, default -> throw violation(what + " must be a string");
        };
    }

    private static long integer(Map<String, AmValue> fields, String what) throws PatternException {
        return integer(Optional.ofNullable(fields.get(what)), what);
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
