package io.lockstep.ui;

import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TapTempoTest {

    private final TapTempo taps = new TapTempo();

    @Test
    void theSecondTapGivesATempoAndLaterTapsAverage() {
        assertTrue(taps.tap(1000).isEmpty(), "one tap is no tempo yet");
        assertEquals(OptionalDouble.of(120.0), taps.tap(1500));
        assertEquals(OptionalDouble.of(120.0), taps.tap(2000));
        // One tap 60 ms late among beats of 500 ms: the average moves by 20 ms a beat, not 60.
        assertEquals(OptionalDouble.of(115.4), taps.tap(2560));
    }

    @Test
    void onlyTheLastTapsCount() {
        for (int i = 0; i < TapTempo.TAPS_KEPT; i++) {
            taps.tap(i * 1000.0);
        }
        double t = (TapTempo.TAPS_KEPT - 1) * 1000.0;
        OptionalDouble bpm = OptionalDouble.empty();
        for (int i = 1; i < TapTempo.TAPS_KEPT; i++) {
            bpm = taps.tap(t + i * 400.0);
        }
        assertEquals(OptionalDouble.of(150.0), bpm, "the slow taps have all dropped out");
    }

    @Test
    void aPauseStartsANewCount() {
        taps.tap(0);
        taps.tap(500);
        assertTrue(taps.tap(3600).isEmpty(), "3.1 s is slower than the slowest tempo: a new count");
        assertEquals(OptionalDouble.of(90.0), taps.tap(3600 + 666.667));
    }

    @Test
    void tempoStaysInTheRoomsRange() {
        taps.tap(0);
        assertEquals(OptionalDouble.of(300.0), taps.tap(100), "taps 100 ms apart ask for 600 BPM");
    }

    @Test
    void aTapBeforeTheLastStartsOver() {
        taps.tap(5000);
        assertTrue(taps.tap(4000).isEmpty());
        assertEquals(OptionalDouble.of(60.0), taps.tap(5000));
    }
}
