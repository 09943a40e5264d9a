package dev.ocbridge.app.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTest {

    @Test
    void percentilesAreTheNearestRankOfTheSortedValues() {
        List<Long> millis = new ArrayList<>();
        for (long i = 1; i <= 50; i++) {
            millis.add(Duration.ofMillis(i).toNanos());
        }
        Collections.shuffle(millis);

        Latencies latencies = Latencies.ofNanos(millis);

        assertThat(latencies.percentile(50)).isEqualTo(Duration.ofMillis(25));
        assertThat(latencies.percentile(95)).isEqualTo(Duration.ofMillis(48));
        assertThat(latencies.percentile(99)).isEqualTo(Duration.ofMillis(50));
        assertThat(latencies.max()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void noValuesHaveNoLatency() {
        Latencies none = Latencies.ofNanos(List.of());

        assertThat(none.count()).isZero();
        assertThat(none.percentile(99)).isEqualTo(Duration.ZERO);
    }
}
