package dev.ocbridge.core.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void delaysDoubleUpToTheLongestAndEndAfterTheLastRetry() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 5);

        assertThat(IntStream.rangeClosed(1, 6).mapToObj(backoff::delayAfter)).containsExactly(
                Optional.of(Duration.ofSeconds(1)), Optional.of(Duration.ofSeconds(2)),
                Optional.of(Duration.ofSeconds(4)), Optional.of(Duration.ofSeconds(5)),
                Optional.of(Duration.ofSeconds(5)), Optional.empty());
    }

    @Test
    void aJitteredDelayIsBetweenHalfAndAllOfThePlainOne() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), Integer.MAX_VALUE);
        SplittableRandom random = new SplittableRandom(7);

        for (int failures = 1; failures < 1000; failures += 7) {
            Duration plain = backoff.delayAfter(failures).orElseThrow();
            assertThat(backoff.jitteredDelayAfter(failures, random).orElseThrow())
                    .isBetween(plain.dividedBy(2), plain);
        }
    }

    @Test
    void aJitteredDelayEndsWhereThePlainOneDoes() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 2);

        assertThat(backoff.jitteredDelayAfter(3, new SplittableRandom(7))).isEmpty();
    }
}
