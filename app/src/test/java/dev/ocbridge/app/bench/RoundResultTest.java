package dev.ocbridge.app.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RoundResultTest {
    private static final long MS = 1_000_000;

    @Test
    void roundWideTimesCountFromTheFirstPromptSentAndPromptsNotAnsweredAreNamed() {
        RoundResult round = new RoundResult("bridge", List.of(
                new PromptTimes("bridge-0000", 1000 * MS, null, 1100 * MS, 1150 * MS, 1160 * MS, 1900 * MS, 1890 * MS),
                new PromptTimes("bridge-0001", 1010 * MS, null, 1500 * MS, 1550 * MS, 1570 * MS, 2400 * MS, 2300 * MS),
                new PromptTimes("bridge-0002", 1020 * MS, null, null, null, null, null, null)), "1.0 -> 1.0");

        assertThat(round.allAnswered()).isEqualTo(Duration.ofMillis(1400));
        assertThat(round.allFinishedByOpenCode()).isEqualTo(Duration.ofMillis(1300));
        assertThat(round.allAccepted()).isEqualTo(Duration.ofMillis(500));
        assertThat(round.route().values()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(490));
        assertThat(round.firstToken().values()).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
        assertThat(round.unanswered()).containsExactly("bridge-0002");
    }
}
