package dev.ocbridge.adapter.mattermost;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new SplittableRandom(7));

    @Test
    void theFirstDelayIsBetweenHalfAndAllOfTheInitialDelay() {
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.delay(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        }
    }

    @Test
    void doublesWithEachFailure() {
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.delay(3)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
        }
    }

    @Test
    void neverExceedsTheCapHoweverManyFailures() {
        for (int failures = 6; failures < 1000; failures += 7) {
            assertThat(backoff.delay(failures)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
        }
    }

    @Test
    void spreadsReconnectsOfManyClients() {
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> backoff.delay(4)).distinct().count())
                .isGreaterThan(10);
    }
}
