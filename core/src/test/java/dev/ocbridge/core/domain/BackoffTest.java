package dev.ocbridge.core.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void spreadDelaysStayInTheUpperHalfOfEachDelay() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 5);

        assertThat(backoff.spreadDelayAfter(1, 0.0)).contains(Duration.ofMillis(500));
        assertThat(backoff.spreadDelayAfter(1, 1.0)).contains(Duration.ofSeconds(1));
        assertThat(backoff.spreadDelayAfter(3, 0.5)).contains(Duration.ofMillis(3000));
        assertThat(backoff.spreadDelayAfter(6, 1.0)).isEmpty();
    }

    @Test
    void aBackoffUntilItWorksNeverGivesUpAndNeverWaitsLongerThanTheLongest() {
        Backoff backoff = Backoff.untilItWorks(Duration.ofMillis(500), Duration.ofSeconds(30));

        assertThat(backoff.delayAfter(1)).contains(Duration.ofMillis(500));
        assertThat(backoff.delayAfter(1_000_000)).contains(Duration.ofSeconds(30));
        assertThat(backoff.spreadDelayAfter(Integer.MAX_VALUE, 1.0)).contains(Duration.ofSeconds(30));
    }

    @Test
    void aRandomOutsideZeroToOneIsRefused() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 5);

        assertThatThrownBy(() -> backoff.spreadDelayAfter(1, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
