package io.lockstep.pattern;

/** Drum tracks fire one sound per step; melodic tracks also carry a MIDI note per step. */
public enum TrackKind {
    DRUM, MELODIC;

    /** The name used in the document and on the wire. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static TrackKind fromWire(String name) {
        return switch (name) {
            case "drum" -> DRUM;
            case "melodic" -> MELODIC;
            default -> throw new IllegalArgumentException("unknown track kind: " + name);
        };
    }
}
