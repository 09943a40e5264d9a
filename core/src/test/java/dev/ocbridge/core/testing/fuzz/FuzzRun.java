package dev.ocbridge.core.testing.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Runs a property on many generated inputs (10,000 unless told otherwise), each made from its own random source
 * seeded by the property's fixed seed and the input's number: a run is the same on every machine, and a failure
 * names the one input that reproduces it and writes it whole under {@code target/fuzz-failures/}. Each input is
 * checked under a generous {@link TimeLimit}, so an input that makes the code hang fails instead of hanging.
 *
 * <p>To explore beyond the inputs the build tries, run with {@code -Dfuzz.seed=N} (added to every seed) and
 * {@code -Dfuzz.tries=N} (instead of 10,000).
 */
public final class FuzzRun {
    public static final int TRIES = Integer.getInteger("fuzz.tries", 10_000);
    private static final long SEED_OFFSET = Long.getLong("fuzz.seed", 0);
    private static final int EXCERPT = 1_000;

    private final long seed;
    private final int tries;
    private final Duration timeLimit;

    private FuzzRun(long seed, int tries, Duration timeLimit) {
        this.seed = seed;
        this.tries = tries;
        this.timeLimit = timeLimit;
    }

    public static FuzzRun seeded(long seed) {
        return new FuzzRun(seed + SEED_OFFSET, TRIES, TimeLimit.GENEROUS);
    }

    public FuzzRun tries(int count) {
        return new FuzzRun(seed, count, timeLimit);
    }

    /** How long one input may take before it counts as hanging; the default is generous (10 s). */
    public FuzzRun timeLimit(Duration limit) {
        return new FuzzRun(seed, tries, limit);
    }

    /** The property, for one input: throws when it does not hold; returns a label to count, or null. */
    @FunctionalInterface
    public interface Property<T> {
        String check(T input) throws Exception;
    }

    /** Checks every input; returns how often each label came up, for checks that the inputs reached far. */
    public <T> Tally check(Generator<T> inputs, Property<T> property) {
        Map<String, Integer> labels = new TreeMap<>();
        try (TimeLimit limit = new TimeLimit(timeLimit)) {
            for (int i = 0; i < tries; i++) {
                T input = input(inputs, i);
                String label;
                try {
                    label = limit.call(() -> property.check(input));
                } catch (Exception | Error e) {
                    throw failure(i, input, e);
                }
                if (label != null) {
                    labels.merge(label, 1, Integer::sum);
                }
            }
        }
        return new Tally(tries, labels);
    }

    /** Input number {@code index} of this run, as {@link #check} made it: for reproducing one failure. */
    public <T> T input(Generator<T> inputs, int index) {
        return inputs.next(new Random(seed + index * 0x9E3779B97F4A7C15L));
    }

    private AssertionError failure(int index, Object input, Throwable cause) {
        String text = input instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(input);
        String where = keep(index, input, text);
        String excerpt = text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
        String rerun = SEED_OFFSET == 0 ? "" : " (-Dfuzz.seed=" + SEED_OFFSET + ")";
        return new AssertionError("input " + index + " of seed " + seed + rerun + " fails (" + cause + "); the input, "
                + text.length() + " chars" + where + ":\n" + excerpt, cause);
    }

    private String keep(int index, Object input, String text) {
        Path file = Path.of("target", "fuzz-failures", "seed-" + seed + "-input-" + index);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, input instanceof byte[] bytes ? bytes : text.getBytes(StandardCharsets.UTF_8));
            return ", whole in " + file;
        } catch (IOException e) {
            return "";
        }
    }

    /** How many of the inputs got each label. */
    public record Tally(int inputs, Map<String, Integer> labels) {
        public Tally {
            labels = Map.copyOf(labels);
        }

        /** The share of inputs with this label, from 0 to 1. */
        public double share(String label) {
            return labels.getOrDefault(label, 0) / (double) inputs;
        }
    }
}
