package io.lockstep.engine;

import io.lockstep.clock.ClockQuality;
import io.lockstep.clock.ClockSample;
import io.lockstep.clock.OffsetLine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The engine's clock sync on simulated time: a server 1.5 s ahead, 3 ms each way, answering at once. */
class ClockSyncTest {

    private static final long SERVER_AHEAD = 1_500_000;
    private static final long ONE_WAY = 3_000;
    private static final long START = 1_000_000_000L;

    private final ClockSync sync = new ClockSync();
    private final List<Long> pongs = new ArrayList<>();
    private final List<Long> reports = new ArrayList<>();
    private OffsetLine offset;

    /** Runs the room thread's 20 ms poll from {@code from} to {@code to} (local µs). */
    private void run(long from, long to, boolean playing) {
        for (long now = from; now < to; now += 20_000) {
            if (sync.pingDue(now, playing)) {
                sync.pinged(now);
                long server = now + ONE_WAY + SERVER_AHEAD;
                long received = now + 2 * ONE_WAY;
                sync.answered(new ClockSample(now, server, server, received), received).ifPresent(o -> offset = o);
                pongs.add(received);
            }
            Optional<ClockQuality> report = sync.reportDue(now);
            if (report.isPresent()) {
                reports.add(now);
                assertThat(report.get().usable()).isTrue();
            }
        }
    }

    @Test
    void theOffsetAndTheFirstReportComeAsSoonAsTheEstimateIsUsable() {
        sync.connected(START);
        run(START, START + 1_000_000, false);

        assertThat(offset).isNotNull();
        assertThat(offset.offsetAt(START + 1_000_000)).isCloseTo(SERVER_AHEAD, within(1e-6));
        // Four pongs make the estimate usable; the report goes out on the poll that handled the fourth (its ping's poll here).
        assertThat(reports).hasSize(1);
        assertThat(reports.getFirst()).isEqualTo(pongs.get(3) - 2 * ONE_WAY);
    }

    @Test
    void laterSamplesAreReportedAtMostEveryTwoSecondsAndNotWithoutNewSamples() {
        sync.connected(START);
        run(START, START + 70_000_000, true);
        long lastPong = pongs.getLast();
        run(START + 70_000_000, START + 85_000_000, true);

        assertThat(reports).hasSizeGreaterThan(10);
        for (int i = 1; i < reports.size(); i++) {
            assertThat(reports.get(i) - reports.get(i - 1)).isGreaterThanOrEqualTo(ClockSync.REPORT_SPACING_MICROS);
        }
        // Playing after the first minute: a ping every 30 s, and a report after it, none between.
        assertThat(reports.stream().filter(r -> r > lastPong + ClockSync.REPORT_SPACING_MICROS)).isEmpty();
    }
}
