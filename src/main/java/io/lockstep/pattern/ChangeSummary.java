package io.lockstep.pattern;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.automerge.ChangeHash;

/**
 * Where one change writes: the ids of the objects its operations target, spelled as ObjectId.toString() spells them
 * ("counter@actorhex", "_root"), with the change's hash and dependencies. An object's visible content changes only
 * through operations that target it, so re-reading these objects is enough to see what the change did.
 *
 * <p>Decodes the change chunk's header and its object and action columns (automerge.org/automerge-binary-format-spec,
 * "Change chunks"); whatever it does not understand yields empty, and the caller re-reads the whole document.
 */
record ChangeSummary(byte[] hash, List<byte[]> deps, Set<String> objects) {

    static final String ROOT = "_root";

    private static final int HASH_BYTES = 32;
    /** Column specs: id << 4 | type (1 actor, 2 unsigned integer); bit 3 marks a deflated column. */
    private static final int OBJECT_ACTOR = 0x01;
    private static final int OBJECT_COUNTER = 0x02;
    private static final int ACTION = 0x42;
    private static final int DEFLATED = 0x08;

    static Optional<ChangeSummary> of(ChangeChunks.Chunk chunk) {
        if (!chunk.change()) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode(chunk.hash(), new Leb128(chunk.body(), 0, chunk.body().length)));
        } catch (IndexOutOfBoundsException | IllegalArgumentException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /**
     * The objects every change in {@code chunks} writes to; empty if any chunk cannot be decoded (or is a whole
     * document), meaning anything may have changed.
     */
    static Optional<Set<String>> objectsOf(List<ChangeChunks.Chunk> chunks) {
        Set<String> objects = new HashSet<>();
        for (ChangeChunks.Chunk chunk : chunks) {
            Optional<ChangeSummary> summary = of(chunk);
            if (summary.isEmpty()) {
                return Optional.empty();
            }
            objects.addAll(summary.get().objects());
        }
        return Optional.of(objects);
    }

    /**
     * Whether going from {@code before} to {@code after} applied this change and nothing else: then the heads are
     * exactly {@code before} minus this change's dependencies, plus this change. A change Automerge already had, or
     * holds for missing dependencies, leaves it out; a held change it completed would be a head of its own or
     * (depending on this change) replace it as a head.
     */
    boolean isExactly(ChangeHash[] before, ChangeHash[] after) {
        Set<String> expected = new HashSet<>(hex(before));
        deps.forEach(d -> expected.remove(HexFormat.of().formatHex(d)));
        expected.add(HexFormat.of().formatHex(hash));
        return after.length == expected.size() && expected.containsAll(hex(after));
    }

    private static List<String> hex(ChangeHash[] heads) {
        return Arrays.stream(heads).map(h -> HexFormat.of().formatHex(h.getBytes())).toList();
    }

    private static ChangeSummary decode(byte[] hash, Leb128 in) {
        int depCount = in.count();
        List<byte[]> deps = new ArrayList<>(depCount);
        for (int i = 0; i < depCount; i++) {
            deps.add(in.bytes(HASH_BYTES));
        }
        List<String> actors = new ArrayList<>();
        actors.add(HexFormat.of().formatHex(in.bytes(in.count())));
        in.unsigned(); // sequence number
        in.unsigned(); // start op
        in.signed(); // time
        in.bytes(in.count()); // message
        int otherActors = in.count();
        for (int i = 0; i < otherActors; i++) {
            actors.add(HexFormat.of().formatHex(in.bytes(in.count())));
        }
        int columnCount = in.count();
        int[] specs = new int[columnCount];
        int[] lengths = new int[columnCount];
        for (int i = 0; i < columnCount; i++) {
            specs[i] = Math.toIntExact(in.unsigned());
            lengths[i] = in.count();
        }
        Map<Integer, Leb128> columns = new HashMap<>();
        for (int i = 0; i < columnCount; i++) {
            if ((specs[i] & DEFLATED) != 0) {
                throw new IllegalArgumentException("deflated column"); // Automerge refuses these in changes too
            }
            columns.put(specs[i], in.slice(lengths[i]));
        }
        return new ChangeSummary(hash, deps, targets(runs(columns, OBJECT_ACTOR), runs(columns, OBJECT_COUNTER),
                runs(columns, ACTION), actors));
    }

    private static Runs runs(Map<Integer, Leb128> columns, int spec) {
        Leb128 column = columns.get(spec);
        return new Runs(column != null ? column : new Leb128(new byte[0], 0, 0));
    }

    /**
     * Pairs the object columns row by row, run by run (a run of a million identical rows costs one step). An op with
     * no object targets the root; so does, conservatively, any op beyond the end of the object columns.
     */
    private static Set<String> targets(Runs actorIndexes, Runs counters, Runs actions, List<String> actors) {
        Set<String> objects = new HashSet<>();
        long rows = 0;
        while (actorIndexes.fill()) {
            if (!counters.fill()) {
                throw new IllegalArgumentException("object columns differ in length");
            }
            long n = Math.min(actorIndexes.length, counters.length);
            if (actorIndexes.value == Runs.NULL || counters.value == Runs.NULL) {
                objects.add(ROOT);
            } else {
                objects.add(counters.value + "@" + actors.get(Math.toIntExact(actorIndexes.value)));
            }
            actorIndexes.length -= n;
            counters.length -= n;
            rows += n;
        }
        if (counters.fill()) {
            throw new IllegalArgumentException("object columns differ in length");
        }
        if (actions.rows() > rows) {
            objects.add(ROOT);
        }
        return objects;
    }

    /**
     * A run-length encoded column of unsigned integers: a signed count n, then one value repeated n times (n > 0),
     * -n literal values (n < 0), or the number of nulls (n = 0).
     */
    private static final class Runs {

        static final long NULL = -1;

        private final Leb128 in;
        private long literals;
        long value;
        long length;

        Runs(Leb128 in) {
            this.in = in;
        }

        /** Moves to a run with rows left; false at the end of the column. */
        boolean fill() {
            while (length == 0) {
                if (literals > 0) {
                    literals--;
                    value = in.unsigned();
                    length = 1;
                } else if (in.done()) {
                    return false;
                } else {
                    long count = in.signed();
                    if (count > 0) {
                        value = in.unsigned();
                        length = count;
                    } else if (count < 0) {
                        literals = Math.negateExact(count);
                    } else {
                        value = NULL;
                        length = in.unsigned();
                    }
                }
            }
            return true;
        }

        long rows() {
            long rows = 0;
            while (fill()) {
                rows = Math.addExact(rows, length);
                length = 0;
            }
            return rows;
        }
    }

    /** A cursor over LEB128 numbers and raw bytes in part of an array. */
    private static final class Leb128 {

        private final byte[] data;
        private final int end;
        private int pos;

        Leb128(byte[] data, int from, int to) {
            this.data = data;
            this.pos = from;
            this.end = to;
        }

        boolean done() {
            return pos >= end;
        }

        long unsigned() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = next();
                result |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new IllegalArgumentException("LEB128 number too long");
        }

        long signed() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = next();
                result |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return shift + 7 < 64 && (b & 0x40) != 0 ? result | (-1L << (shift + 7)) : result;
                }
            }
            throw new IllegalArgumentException("LEB128 number too long");
        }

        /** A length or count, which must fit what is left. */
        int count() {
            long n = unsigned();
            if (n > end - pos) {
                throw new IllegalArgumentException("count " + n + " exceeds the chunk");
            }
            return (int) n;
        }

        byte[] bytes(int n) {
            Leb128 slice = slice(n);
            return Arrays.copyOfRange(data, slice.pos, slice.end);
        }

        Leb128 slice(int n) {
            if (n > end - pos) {
                throw new IllegalArgumentException("truncated chunk");
            }
            pos += n;
            return new Leb128(data, pos - n, pos);
        }

        private int next() {
            if (pos >= end) {
                throw new IllegalArgumentException("truncated chunk");
            }
            return data[pos++] & 0xff;
        }
    }
}
