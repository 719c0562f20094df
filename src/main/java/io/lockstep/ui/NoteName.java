package io.lockstep.ui;

/** MIDI note numbers as musicians read them: 60 is C4, 61 is C#4. */
final class NoteName {

    private static final String[] NAMES = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};

    private NoteName() {
    }

    static String of(int midi) {
        return NAMES[midi % 12] + (midi / 12 - 1);
    }
}
