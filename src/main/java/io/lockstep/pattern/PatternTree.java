package io.lockstep.pattern;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.automerge.ObjectId;
import org.automerge.Read;

/**
 * The pattern as last read from the document, and where each part of it lives, so that changes are validated by
 * re-reading only the objects they wrote to (ChangeSummary) instead of the whole pattern. That is enough: an
 * object's visible content changes only through operations that target it, and an object appears in or leaves the
 * pattern only through operations on its parent, which is then read again and compared child by child.
 */
final class PatternTree {

    private final ObjectId tracks;
    private final String tracksId;
    private final Map<String, TrackNode> nodes;
    private final Layout layout;

    private PatternTree(ObjectId tracks, String tracksId, Map<String, TrackNode> nodes) {
        this.tracks = tracks;
        this.tracksId = tracksId;
        this.nodes = nodes;
        Map<String, Placed> placed = new LinkedHashMap<>();
        nodes.forEach((id, node) -> placed.put(id, node.placed()));
        this.layout = new Layout(placed);
    }

    /** Reads and checks the whole pattern. */
    static PatternTree read(Read doc) throws PatternException {
        ObjectId tracks = DocumentReader.tracks(doc);
        return readTracks(doc, tracks, tracks.toString(), Map.of(), Set.of());
    }

    /**
     * The pattern after changes that wrote to the {@code touched} objects (empty: unknown, read everything); throws
     * SCHEMA_VIOLATION if what they touched breaks the schema. This very tree if they touched none of it.
     */
    PatternTree refresh(Read doc, Optional<Set<String>> touched) throws PatternException {
        if (touched.isEmpty()) {
            return read(doc);
        }
        Set<String> objects = touched.get();
        if (objects.contains(ChangeSummary.ROOT)) {
            ObjectId current = DocumentReader.tracks(doc);
            String id = current.toString();
            if (!id.equals(tracksId)) {
                return readTracks(doc, current, id, Map.of(), objects);
            }
        }
        if (objects.contains(tracksId)) {
            return readTracks(doc, tracks, tracksId, nodes, objects);
        }
        Map<String, TrackNode> next = new LinkedHashMap<>();
        boolean changed = false;
        for (TrackNode node : nodes.values()) {
            TrackNode now = node.refresh(doc, objects);
            changed |= now != node;
            next.put(node.key(), now);
        }
        return changed ? new PatternTree(tracks, tracksId, next) : this;
    }

    /** Reads the tracks map; a track whose map is the one it had before is refreshed rather than read anew. */
    private static PatternTree readTracks(Read doc, ObjectId tracks, String tracksId, Map<String, TrackNode> previous,
                                          Set<String> touched) throws PatternException {
        Map<String, TrackNode> next = new LinkedHashMap<>();
        for (Map.Entry<String, ObjectId> track : DocumentReader.trackMaps(doc, tracks).entrySet()) {
            String mapId = track.getValue().toString();
            TrackNode old = previous.get(track.getKey());
            next.put(track.getKey(), old != null && old.mapId().equals(mapId)
                    ? old.refresh(doc, touched)
                    : TrackNode.read(doc, track.getKey(), track.getValue(), mapId));
        }
        return new PatternTree(tracks, tracksId, next);
    }

    Layout layout() {
        return layout;
    }

    ObjectId tracks() {
        return tracks;
    }

    /** The node of an existing track (the writer only updates tracks the layout has). */
    TrackNode node(String id) {
        return nodes.get(id);
    }
}
