package io.lockstep.ui;

import io.lockstep.pattern.Pattern;
import io.lockstep.pattern.Step;
import io.lockstep.pattern.Track;
import io.lockstep.pattern.TrackKind;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/** The sounds a track can play (synthdef names), what kind of track each makes, and where a new track of it starts. */
enum Instrument {
    KICK("kick", TrackKind.DRUM, 36),
    SNARE("snare", TrackKind.DRUM, 38),
    CLAP("clap", TrackKind.DRUM, 39),
    HAT_CLOSED("hat_closed", TrackKind.DRUM, 42),
    HAT_OPEN("hat_open", TrackKind.DRUM, 46),
    BASS("bass", TrackKind.MELODIC, 36),
    LEAD("lead", TrackKind.MELODIC, 60);

    private static final double NEW_TRACK_VOLUME = 0.8;

    final String synthdef;
    final TrackKind kind;
    private final int firstNote;

    Instrument(String synthdef, TrackKind kind, int firstNote) {
        this.synthdef = synthdef;
        this.kind = kind;
        this.firstNote = firstNote;
    }

    /** What a musician reads: "hat closed" rather than the synthdef name. */
    String label() {
        return synthdef.replace('_', ' ');
    }

    static Optional<Instrument> bySynthdef(String synthdef) {
        return Arrays.stream(values()).filter(i -> i.synthdef.equals(synthdef)).findFirst();
    }

    /** Instruments a track of this kind can switch to: a drum track stays a drum track, since its steps carry no notes. */
    static List<Instrument> ofKind(TrackKind kind) {
        return Arrays.stream(values()).filter(i -> i.kind == kind).toList();
    }

    /** A fresh, silent track; its id is random so that two members adding tracks at once never collide. */
    Track newTrack() {
        String id = "t" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String name = Character.toUpperCase(synthdef.charAt(0)) + label().substring(1);
        return new Track(id, name, synthdef, kind, NEW_TRACK_VOLUME, false,
                IntStream.range(0, Pattern.STEPS).mapToObj(i -> Step.off(firstNote)).toList());
    }
}
