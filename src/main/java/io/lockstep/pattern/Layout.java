package io.lockstep.pattern;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The document's content as values: every track with its position. Pattern is this, sorted for display. */
record Layout(Map<String, Placed> tracks) {

    /** Numeric order, so -0.0 ties with 0.0 exactly as in JavaScript; then ids, compared as UTF-16 units like JS. */
    static final Comparator<Placed> DISPLAY_ORDER = ((Comparator<Placed>) (a, b) ->
            a.position() < b.position() ? -1 : a.position() > b.position() ? 1 : 0)
            .thenComparing(Placed::id);

    Layout {
        tracks = Map.copyOf(tracks);
    }

    Pattern pattern() {
        return new Pattern(ordered().stream().map(Placed::track).toList());
    }

    List<Placed> ordered() {
        return tracks.values().stream().sorted(DISPLAY_ORDER).toList();
    }

    Optional<Placed> get(String id) {
        return Optional.ofNullable(tracks.get(id));
    }

    /** Tracks present in both layouts whose position differs: the ones that were moved. */
    Set<String> repositioned(Layout next) {
        return tracks.values().stream()
                .filter(p -> next.get(p.id()).filter(q -> q.position() != p.position()).isPresent())
                .map(Placed::id)
                .collect(Collectors.toUnmodifiableSet());
    }

    Layout with(Placed placed) {
        var copy = new LinkedHashMap<>(tracks);
        copy.put(placed.id(), placed);
        return new Layout(copy);
    }

    Layout without(String id) {
        var copy = new LinkedHashMap<>(tracks);
        copy.remove(id);
        return new Layout(copy);
    }

    /**
     * Puts {@code track} at display index {@code index} among the other tracks. Normally only that track gets a new
     * position (between its new neighbours, or one beyond the ends), so a move is a single last-writer-wins write;
     * when the neighbours' positions leave no room in between, every track is renumbered 0, 1, 2... instead.
     */
    Layout place(Track track, int index) {
        List<Placed> others = new ArrayList<>(without(track.id()).ordered());
        Optional<Double> between = positionAt(others, index);
        if (between.isPresent()) {
            return with(new Placed(track, between.get()));
        }
        List<Track> order = new ArrayList<>(others.stream().map(Placed::track).toList());
        order.add(index, track);
        var renumbered = new LinkedHashMap<String, Placed>();
        for (int i = 0; i < order.size(); i++) {
            renumbered.put(order.get(i).id(), new Placed(order.get(i), i));
        }
        return new Layout(renumbered);
    }

    private static Optional<Double> positionAt(List<Placed> others, int index) {
        if (others.isEmpty()) {
            return Optional.of(0.0);
        }
        double before = index == 0 ? Double.NEGATIVE_INFINITY : others.get(index - 1).position();
        double after = index == others.size() ? Double.POSITIVE_INFINITY : others.get(index).position();
        double candidate = index == 0 ? after - 1 : index == others.size() ? before + 1 : before + (after - before) / 2;
        return before < candidate && candidate < after ? Optional.of(candidate) : Optional.empty();
    }
}
