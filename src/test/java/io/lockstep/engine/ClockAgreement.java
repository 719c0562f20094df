package io.lockstep.engine;

import io.lockstep.schedule.Bundle;
import io.lockstep.schedule.Note;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Waits until two scsynth on one jackd have settled: they start notes with the same time tag on the same sample, and
 * each keeps time with this machine's clock (the dummy driver paces itself by it, so once settled a second of time
 * tags is 48000 samples, measured here to 0.2 ppm).
 *
 * <p>Why they first disagree: scsynth's JACK driver turns OSC time into a sample position through a delay-locked loop
 * over the times its process callback wakes up (SC_TimeDLL, bandwidth 0.012 Hz). The loop is reset when the client
 * starts, and again on every xrun, with a phase error of up to one period that decays with a time constant of about
 * 26 s and overshoots on the way. Two servers reset at different moments therefore map one time tag to samples up to
 * ~1.5 ms apart for the first minute or so. Measured here (two scsynth started 0.5 s apart, 48 kHz, 256-frame periods):
 * 74 samples apart at start, 0 at 20 s, 18 the other way at 40 s, within one sample from 90 s on and for good.
 * The same settling happens on a musician's machine after scsynth starts or drops out; it is scsynth's, not the engine's.
 * Two servers reset by the same xrun agree with each other while both are still off this machine's clock, hence both tests.
 */
final class ClockAgreement {

    private static final int CLICKS = 10;
    private static final long CLICK_SPACING_NANOS = 250_000_000L;
    /** Lead time before the first click: jack_rec connects its ports within a few ms of creating its file. */
    private static final long FIRST_CLICK_NANOS = 300_000_000L;
    private static final int ROUND_SECONDS = 3;
    /** Two rounds in a row, 3 s apart: a loop swinging through zero moves by more than a sample in that time. */
    private static final int ROUNDS_IN_A_ROW = 2;
    static final int SETTLED_SAMPLES = 1;

    private ClockAgreement() {
    }

    /**
     * Plays clicks with identical time tags on both servers and records them, round after round, until in
     * {@link #ROUNDS_IN_A_ROW} consecutive rounds the onsets agree, and lie where the clicks' spacing puts them, within
     * {@link #SETTLED_SAMPLES}. Returns the worst error (samples) of every round; fails, listing them, when
     * {@code timeout} passes first.
     */
    static List<Integer> await(AudioServers audio, AudioServers.Synth a, AudioServers.Synth b, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        LongSupplier clock = new WallClock();
        List<Integer> rounds = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        int inARow = 0;
        while (inARow < ROUNDS_IN_A_ROW) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("scsynth " + a.client() + " and " + b.client() + " did not settle within "
                        + SETTLED_SAMPLES + " sample in " + timeout.toSeconds() + " s; worst error per round (samples): " + rounds);
            }
            int worst = round(audio, a, b, dir.resolve("agreement.wav"), clock);
            rounds.add(worst);
            inARow = worst <= SETTLED_SAMPLES ? inARow + 1 : 0;
        }
        return rounds;
    }

    /** One round: the worst onset error in samples, or MAX_VALUE when a click went unheard. */
    private static int round(AudioServers audio, AudioServers.Synth a, AudioServers.Synth b, Path file, LongSupplier clock)
            throws IOException, InterruptedException {
        Process rec = audio.record(file, ROUND_SECONDS, a.port(1), b.port(1));
        long first = clock.getAsLong() + FIRST_CLICK_NANOS;
        for (int i = 0; i < CLICKS; i++) {
            Bundle click = new Bundle(i, first + i * CLICK_SPACING_NANOS, List.of(new Note("hat_closed", 1f, 42)));
            a.scsynth().play(click);
            b.scsynth().play(click);
        }
        rec.waitFor();
        Wav wav = Wav.read(file);
        Files.delete(file);
        int minSilence = AudioServers.SAMPLE_RATE / 100;
        List<Onsets.Onset> heardA = Onsets.find(wav.channels()[0], minSilence, minSilence);
        List<Onsets.Onset> heardB = Onsets.find(wav.channels()[1], minSilence, minSilence);
        if (heardA.size() != CLICKS || heardB.size() != CLICKS) {
            return Integer.MAX_VALUE;
        }
        double samplesPerClick = CLICK_SPACING_NANOS * AudioServers.SAMPLE_RATE / 1e9;
        int worst = 0;
        for (int i = 0; i < CLICKS; i++) {
            worst = Math.max(worst, Math.abs(heardA.get(i).sample() - heardB.get(i).sample()));
            for (List<Onsets.Onset> heard : List.of(heardA, heardB)) {
                double off = heard.get(i).sample() - heard.getFirst().sample() - i * samplesPerClick;
                worst = Math.max(worst, (int) Math.round(Math.abs(off)));
            }
        }
        return worst;
    }
}
