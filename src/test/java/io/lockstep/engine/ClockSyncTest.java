package io.lockstep.engine;

import io.lockstep.clock.ClockQuality;
import io.lockstep.clock.ClockSample;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's clock sync on simulated time: a server 1.5 s ahead, 3 ms each way, answered at once. */
class ClockSyncTest {

    private static final long SERVER_AHEAD = 1_500_000;
    private static final long ONE_WAY = 3_000;

    private final ClockSync sync = new ClockSync();
    private final List<Long> reports = new ArrayList<>();
    private Offset offset;

    /** Runs the room thread's 20 ms poll from {@code from} to {@code to} (local µs). */
    private void run(long from, long to, boolean playing) {
        for (long now = from; now < to; now += 20_000) {
            if (sync.pingDue(now, playing)) {
                sync.pinged(now);
                long server = now + ONE_WAY + SERVER_AHEAD;
                sync.answered(new ClockSample(now, server, server, now + 2 * ONE_WAY), now + 2 * ONE_WAY).ifPresent(o -> offset = o);
            }
            Optional<ClockQuality> report = sync.reportDue(now, playing);
            if (report.isPresent()) {
                reports.add(now);
                assertThat(report.get().usable()).isTrue();
            }
        }
    }

    @Test
    void aBurstGivesTheOffsetAndOneReportOnceItHasSettled() {
        long start = 1_000_000_000L;
        sync.connected(start);
        run(start, start + 5_000_000, false);

        assertThat(offset).isNotNull();
        assertThat(offset.at(start + 5_000_000)).isEqualTo(SERVER_AHEAD);
        // Eight pings 100 ms apart: the burst is over after 0.7 s; one report then, none while it ran.
        assertThat(reports).hasSize(1);
        assertThat(reports.getFirst() - start).isBetween(700_000L, 800_000L);
    }

    @Test
    void laterPingsReportAgainButNeverMoreOftenThanTheSpacing() {
        long start = 1_000_000_000L;
        sync.connected(start);
        run(start, start + 60_000_000, false);
        sync.connected(start + 60_000_000);
        run(start + 60_000_000, start + 62_000_000, false);

        assertThat(reports).hasSizeGreaterThan(2);
        for (int i = 1; i < reports.size(); i++) {
            assertThat(reports.get(i) - reports.get(i - 1)).isGreaterThanOrEqualTo(ClockSync.REPORT_SPACING_MICROS);
        }
    }
}
