package dev.ocbridge.core.testing.fuzz;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FuzzRunTest {
    private final Generator<Integer> numbers = random -> random.nextInt(1_000_000);

    @Test
    void theSameSeedMakesTheSameInputsOnEveryRun() {
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();

        FuzzRun.seeded(7).tries(100).check(numbers, number -> {
            first.add(number);
            return null;
        });
        FuzzRun.seeded(7).tries(100).check(numbers, number -> {
            second.add(number);
            return null;
        });

        assertThat(first).hasSize(100).isEqualTo(second);
        assertThat(first).doesNotHaveDuplicates();
    }

    @Test
    void aFailureNamesTheInputThatReproducesIt() {
        FuzzRun run = FuzzRun.seeded(11).tries(1_000);
        int failing = run.input(numbers, 600);

        assertThatThrownBy(() -> run.check(numbers, number -> {
            assertThat(number).isNotEqualTo(failing);
            return null;
        })).isInstanceOf(AssertionError.class).hasMessageStartingWith("input 600 of seed 11 fails")
                .hasMessageContaining(String.valueOf(failing));
    }

    @Test
    void anExceptionOrErrorOfThePropertyIsAFailure() {
        assertThatThrownBy(() -> FuzzRun.seeded(1).tries(10).check(numbers, number -> {
            throw new StackOverflowError("deep");
        })).isInstanceOf(AssertionError.class).hasMessageContaining("StackOverflowError: deep");
    }

    @Test
    void anInputThatMakesThePropertyHangFailsWithinTheTimeLimit() {
        CountDownLatch never = new CountDownLatch(1);

        assertThatThrownBy(() -> FuzzRun.seeded(1).tries(3).timeLimit(Duration.ofMillis(100)).check(numbers,
                number -> {
                    never.await();
                    return null;
                })).isInstanceOf(AssertionError.class).hasMessageStartingWith("input 0 of seed 1 fails")
                .hasMessageContaining("hang");
    }

    @Test
    void countsTheLabelsThePropertyGives() {
        FuzzRun.Tally tally = FuzzRun.seeded(3).tries(1_000).check(numbers, number -> number % 2 == 0 ? "even" : null);

        assertThat(tally.inputs()).isEqualTo(1_000);
        assertThat(tally.share("even")).isBetween(0.4, 0.6);
        assertThat(tally.share("odd")).isZero();
    }
}
