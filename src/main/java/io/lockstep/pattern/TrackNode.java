package io.lockstep.pattern;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.automerge.ObjectId;
import org.automerge.Read;

/**
 * One track as last read from the document, with the objects it spans (its map, Text fields, steps list and step
 * maps), so that after a change only the objects the change wrote to are read again. Object ids are compared as
 * ObjectId.toString() strings, taken once per object: ObjectId's own equals and hashCode call the native library.
 */
final class TrackNode {

    /** One step map and what it held. */
    record StepNode(ObjectId map, String id, Step step) {
    }

    private final String key;
    private final ObjectId map;
    private final String mapId;
    private final DocumentReader.TrackFields fields;
    private final Set<String> textIds;
    private final String stepsId;
    private final List<StepNode> steps;
    private final Placed placed;

    private TrackNode(String key, ObjectId map, String mapId, DocumentReader.TrackFields fields, String stepsId,
                      List<StepNode> steps) {
        this.key = key;
        this.map = map;
        this.mapId = mapId;
        this.fields = fields;
        this.textIds = fields.texts().stream().map(ObjectId::toString).collect(Collectors.toUnmodifiableSet());
        this.stepsId = stepsId;
        this.steps = List.copyOf(steps);
        Track track = new Track(key, fields.name(), fields.instrument(), fields.kind(), fields.volume(), fields.muted(),
                this.steps.stream().map(StepNode::step).toList());
        this.placed = new Placed(track, fields.position());
    }

    static TrackNode read(Read doc, String key, ObjectId map, String mapId) throws PatternException {
        DocumentReader.TrackFields fields = DocumentReader.track(doc, key, map);
        return new TrackNode(key, map, mapId, fields, fields.steps().toString(),
                readSteps(doc, key, fields.steps(), Map.of(), Set.of()));
    }

    /** This track after changes that wrote to the {@code touched} objects; this very node if they missed it. */
    TrackNode refresh(Read doc, Set<String> touched) throws PatternException {
        boolean fieldsTouched = touched.contains(mapId) || textIds.stream().anyMatch(touched::contains);
        if (!fieldsTouched && !touched.contains(stepsId) && steps.stream().noneMatch(s -> touched.contains(s.id()))) {
            return this;
        }
        DocumentReader.TrackFields now = fieldsTouched ? DocumentReader.track(doc, key, map) : fields;
        String listId = fieldsTouched ? now.steps().toString() : stepsId;
        if (!listId.equals(stepsId) || touched.contains(stepsId)) {
            Map<String, StepNode> reusable = new HashMap<>();
            steps.forEach(s -> reusable.put(s.id(), s));
            return new TrackNode(key, map, mapId, now, listId, readSteps(doc, key, now.steps(), reusable, touched));
        }
        List<StepNode> next = new ArrayList<>(steps);
        for (int i = 0; i < next.size(); i++) {
            StepNode step = next.get(i);
            if (touched.contains(step.id())) {
                next.set(i, new StepNode(step.map(), step.id(), DocumentReader.step(doc, step.map())));
            }
        }
        return new TrackNode(key, map, mapId, now, stepsId, next);
    }

    /** Reads the steps list; a step map it held before and no change touched keeps its value without a read. */
    private static List<StepNode> readSteps(Read doc, String key, ObjectId list, Map<String, StepNode> reusable,
                                            Set<String> touched) throws PatternException {
        List<StepNode> steps = new ArrayList<>(Pattern.STEPS);
        for (ObjectId step : DocumentReader.stepMaps(doc, key, list)) {
            String id = step.toString();
            StepNode old = reusable.get(id);
            boolean reuse = old != null && !touched.contains(id);
            steps.add(reuse ? old : new StepNode(step, id, DocumentReader.step(doc, step)));
        }
        return steps;
    }

    String key() {
        return key;
    }

    String mapId() {
        return mapId;
    }

    Placed placed() {
        return placed;
    }

    ObjectId map() {
        return map;
    }

    ObjectId stepMap(int index) {
        return steps.get(index).map();
    }
}
