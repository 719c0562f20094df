package io.lockstep.clock;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

    private static long taken(TokenBucket bucket, int tries, long atMicros) {
        return IntStream.range(0, tries).filter(i -> bucket.take(atMicros)).count();
    }

    @Test
    void allowsABurstThenRefillsAtItsRate() {
        TokenBucket bucket = new TokenBucket(10, 4);
        assertThat(taken(bucket, 25, 0)).isEqualTo(10);
        assertThat(taken(bucket, 25, 1_000_000)).isEqualTo(4);
        assertThat(taken(bucket, 25, 1_250_000)).isEqualTo(1);
    }

    @Test
    void aLongQuietSpellRefillsNoMoreThanTheCapacity() {
        TokenBucket bucket = new TokenBucket(3, 100);
        taken(bucket, 3, 0);
        assertThat(taken(bucket, 10, 3_600_000_000L)).isEqualTo(3);
    }

    @Test
    void timeGoingBackwardsGivesNothingAway() {
        TokenBucket bucket = new TokenBucket(2, 1);
        taken(bucket, 2, 5_000_000);
        assertThat(taken(bucket, 5, 1_000_000)).isZero();
        assertThat(taken(bucket, 5, 5_999_999)).isZero();
        assertThat(taken(bucket, 5, 6_000_000)).isEqualTo(1);
    }
}
