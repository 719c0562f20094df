package io.lockstep.engine;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

/** The compiled synthdefs shipped on the classpath under {@code /synthdefs}, one per Instrument a track can name. */
public final class Instruments {

    public static final List<String> NAMES = List.of("kick", "snare", "clap", "hat_closed", "hat_open", "bass", "lead");

    private Instruments() {
    }

    /** The compiled synthdef of one instrument. */
    public static byte[] synthdef(String name) {
        try (InputStream in = Instruments.class.getResourceAsStream("/synthdefs/" + name + ".scsyndef")) {
            if (in == null) {
                throw new EngineException("no compiled synthdef for instrument " + name + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new EngineException("cannot read the synthdef of instrument " + name, e);
        }
    }

    /** Loads every instrument into scsynth, waiting for each to be confirmed. */
    public static void loadAll(Scsynth scsynth, Duration timeoutEach) {
        for (String name : NAMES) {
            scsynth.load(name, synthdef(name), timeoutEach);
        }
    }
}
