package io.lockstep.engine;

import java.util.ArrayList;
import java.util.List;

/** Finds where notes start in one audio channel: the first non-silent sample after a stretch of digital silence. */
final class Onsets {

    /** Below half an int16 step is silence: scsynth writes exact zeros when nothing plays. */
    private static final float SILENCE = 0.5f / 32768f;

    private Onsets() {
    }

    /** An onset at {@code sample}, with the RMS level of its first {@code window} samples. */
    record Onset(int sample, double level) {
    }

    /**
     * @param minSilence samples of silence that must precede an onset (shorter gaps are inside one note)
     * @param window     samples after the onset whose RMS is the note's level
     */
    static List<Onset> find(float[] channel, int minSilence, int window) {
        List<Onset> onsets = new ArrayList<>();
        int silent = minSilence;
        for (int i = 0; i < channel.length; i++) {
            if (Math.abs(channel[i]) <= SILENCE) {
                silent++;
            } else {
                if (silent >= minSilence) {
                    onsets.add(new Onset(i, rms(channel, i, window)));
                }
                silent = 0;
            }
        }
        return onsets;
    }

    private static double rms(float[] channel, int from, int window) {
        double sum = 0;
        int to = Math.min(channel.length, from + window);
        for (int i = from; i < to; i++) {
            sum += channel[i] * (double) channel[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }
}
