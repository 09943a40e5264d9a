package dev.ocbridge.core.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
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
}
