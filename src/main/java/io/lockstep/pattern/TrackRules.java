package io.lockstep.pattern;

import java.util.regex.Pattern;

/** The limits every track must satisfy, whether it comes from a local edit or a remote change. */
final class TrackRules {

    static final int MAX_TRACKS = 16;
    static final int MAX_NAME_LENGTH = 40;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,24}");
    private static final Pattern INSTRUMENT = Pattern.compile("[a-z0-9_]{1,32}");

    private TrackRules() {
    }

    static boolean validId(String id) {
        return ID.matcher(id).matches();
    }

    static boolean validName(String name) {
        return !name.isEmpty() && name.length() <= MAX_NAME_LENGTH;
    }

    static boolean validInstrument(String instrument) {
        return INSTRUMENT.matcher(instrument).matches();
    }

    static boolean validStep(int step) {
        return step >= 0 && step < io.lockstep.pattern.Pattern.STEPS;
    }
}
