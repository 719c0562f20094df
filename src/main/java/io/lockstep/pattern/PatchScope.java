package io.lockstep.pattern;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.automerge.ObjectId;
import org.automerge.Patch;
import org.automerge.PatchAction;
import org.automerge.PathElement;
import org.automerge.Prop;
import org.automerge.Read;

/**
 * The part of the document that a batch of patches touched, so that only that part is re-read and re-validated
 * after remote changes: a step edit costs one map read instead of reading the whole pattern.
 */
final class PatchScope {

    /** A step touched by a patch on the step's own map; its object id comes straight from the patch. */
    private record StepAt(String trackId, int index) { }

    private boolean everything;
    private final Set<String> tracks = new HashSet<>();
    private final Map<StepAt, ObjectId> steps = new HashMap<>();

    static PatchScope of(List<Patch> patches) {
        PatchScope scope = new PatchScope();
        patches.forEach(scope::add);
        return scope;
    }

    /** Root patches (schema, tracks replaced) re-read everything; keys of the root other than these are ignored. */
    private void add(Patch patch) {
        List<PathElement> path = patch.getPath();
        if (path.isEmpty()) {
            everything = true;
            return;
        }
        if (!key(path.get(0)).equals(Optional.of("tracks"))) {
            return;
        }
        if (path.size() == 1) {
            switch (patch.getAction()) {
                case PatchAction.PutMap put -> tracks.add(put.getKey());
                case PatchAction.DeleteMap delete -> tracks.add(delete.getKey());
                default -> everything = true;
            }
            return;
        }
        String trackId = key(path.get(1)).orElseThrow();
        if (path.size() == 4 && key(path.get(2)).equals(Optional.of("steps"))
                && path.get(3).getProp() instanceof Prop.Index index) {
            steps.put(new StepAt(trackId, (int) index.getValue()), patch.getObj());
        } else {
            tracks.add(trackId);
        }
    }

    /** The layout after the patched changes, re-reading only what they touched and checking it against the schema. */
    Layout refresh(Read doc, Layout before) throws PatternException {
        if (everything) {
            return DocumentReader.layout(doc);
        }
        Layout layout = before;
        ObjectId tracksObject = null;
        for (String id : tracks) {
            tracksObject = tracksObject != null ? tracksObject : DocumentReader.tracksObject(doc);
            Optional<Placed> placed = DocumentReader.trackAt(doc, tracksObject, id);
            layout = placed.isPresent() ? layout.with(placed.get()) : layout.without(id);
        }
        for (var entry : steps.entrySet()) {
            StepAt at = entry.getKey();
            if (tracks.contains(at.trackId())) {
                continue;
            }
            Placed placed = layout.get(at.trackId()).orElseThrow(() ->
                    new PatternException(PatternException.SCHEMA_VIOLATION, "step of unknown track " + at.trackId()));
            List<Step> changed = new ArrayList<>(placed.track().steps());
            changed.set(at.index(), DocumentReader.step(doc, entry.getValue()));
            layout = layout.with(placed.with(placed.track().withSteps(changed)));
        }
        return DocumentReader.counted(layout);
    }

    private static Optional<String> key(PathElement element) {
        return element.getProp() instanceof Prop.Key key ? Optional.of(key.getValue()) : Optional.empty();
    }
}
