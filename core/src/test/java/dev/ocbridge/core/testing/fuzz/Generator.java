package dev.ocbridge.core.testing.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** Makes one input from a seeded random source: the same seed gives the same input. */
@FunctionalInterface
public interface Generator<T> {

    T next(Random random);

    default <R> Generator<R> map(Function<? super T, ? extends R> change) {
        return random -> change.apply(next(random));
    }

    /** Between {@code min} and {@code max} inputs of this generator. */
    default Generator<List<T>> lists(int min, int max) {
        return random -> {
            int size = min + random.nextInt(max - min + 1);
            List<T> inputs = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                inputs.add(next(random));
            }
            return inputs;
        };
    }

    static <T> Generator<T> of(List<T> values) {
        List<T> copy = List.copyOf(values);
        return random -> copy.get(random.nextInt(copy.size()));
    }

    /** Picks one of the generators, each as often as its weight says. */
    @SafeVarargs
    static <T> Generator<T> weighted(Weighted<? extends T>... choices) {
        List<Weighted<? extends T>> all = List.of(choices);
        int total = all.stream().mapToInt(Weighted::weight).sum();
        return random -> {
            int pick = random.nextInt(total);
            for (Weighted<? extends T> choice : all) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.generator().next(random);
                }
            }
            throw new IllegalStateException("weights changed while picking");
        };
    }

    static <T> Weighted<T> weight(int weight, Generator<T> generator) {
        return new Weighted<>(weight, generator);
    }

    record Weighted<T>(int weight, Generator<T> generator) {
        public Weighted {
            if (weight < 1) {
                throw new IllegalArgumentException("a weight is at least 1");
            }
        }
    }
}
