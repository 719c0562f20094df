package io.lockstep.schedule;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeTagTest {

    @Test
    void epochTimeCountsFrom1900InThirtyTwoDotThirtyTwo() {
        TimeTag tag = TimeTag.ofEpochNanos(1_000_000_000L * 1_700_000_000L + 500_000_000L);
        assertThat(tag.seconds()).isEqualTo(1_700_000_000L + 2_208_988_800L);
        assertThat(tag.fraction()).isEqualTo(1L << 31);
        assertThat(tag.bits() >>> 32).isEqualTo(tag.seconds());
    }

    @Test
    void oneNanosecondIsAboutFourFractionUnitsAndNeverRoundsUpToTheNextSecond() {
        assertThat(TimeTag.sinceZero(1).fraction()).isEqualTo(4);
        assertThat(TimeTag.sinceZero(999_999_999L)).isEqualTo(new TimeTag(0, 0xFFFF_FFFBL));
    }
}
