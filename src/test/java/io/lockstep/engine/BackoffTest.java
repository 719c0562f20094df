package io.lockstep.engine;

import org.junit.jupiter.api.RepeatedTest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @RepeatedTest(20)
    void quickFirstThenDoublingToACeilingWithJitterAndQuickAgainAfterASuccess() {
        Backoff backoff = new Backoff();
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            delays.add(backoff.next().toMillis());
        }
        long[] ceilings = {250, 500, 1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000};
        for (int i = 0; i < ceilings.length; i++) {
            assertThat(delays.get(i)).as("attempt %d", i + 1).isBetween(ceilings[i] / 2, ceilings[i]);
        }
        backoff.reset();
        assertThat(backoff.next()).isLessThanOrEqualTo(Duration.ofMillis(250));
    }
}
