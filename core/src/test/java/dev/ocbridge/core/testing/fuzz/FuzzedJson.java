package dev.ocbridge.core.testing.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

import static dev.ocbridge.core.testing.fuzz.Generator.weight;

/**
 * Inputs for fuzzing a decoder of one JSON format: real inputs of the format (recorded events, valid documents)
 * mutated and corrupted, random trees of the format's words, and plain garbage.
 */
public final class FuzzedJson {
    /** Longer strings are texts, not words of the format. */
    private static final int MAX_WORD = 40;

    private final List<String> samples;
    private final List<Object> trees;
    private final RandomJson random;
    private final JsonMutator mutator;
    private final JsonCodec codec;

    /**
     * @param samples valid inputs of the format, each one JSON document; their member names and short words
     *                (event types, statuses) are what generated trees are mostly made of, so new kinds of
     *                samples bring their words along
     */
    public FuzzedJson(List<String> samples, JsonCodec codec) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("give at least one valid input to start from");
        }
        this.samples = List.copyOf(samples);
        this.codec = codec;
        List<Object> parsed = new ArrayList<>();
        for (String sample : samples) {
            try {
                parsed.add(codec.read(sample));
            } catch (IOException e) {
                throw new UncheckedIOException("a sample is not JSON: " + sample, e);
            }
        }
        this.trees = List.copyOf(parsed);
        Set<String> words = new TreeSet<>();
        trees.forEach(tree -> collectWords(tree, words));
        this.random = new RandomJson(List.copyOf(words));
        this.mutator = new JsonMutator(random, codec);
    }

    private void collectWords(Object value, Set<String> words) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((name, member) -> {
                words.add((String) name);
                collectWords(member, words);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(element -> collectWords(element, words));
        } else if (codec.nested(value) != null) {
            collectWords(codec.nested(value), words);
        } else if (value instanceof String text && text.length() <= MAX_WORD
                && text.chars().noneMatch(Character::isWhitespace)) {
            words.add(text);
        }
    }

    /** Everything below, weighted towards inputs that look like the format and so get deep into the decoder. */
    public Generator<String> anything() {
        return Generator.weighted(
                weight(4, mutated()),
                weight(2, corruptedInsideNestedJson()),
                weight(2, corrupted()),
                weight(1, generated()),
                weight(1, garbage()));
    }

    /** {@link #anything()}, and the samples' bytes broken below the level of text (invalid UTF-8, flipped bits). */
    public Generator<byte[]> bytes() {
        return Generator.weighted(
                weight(3, anything().map(text -> text.getBytes(StandardCharsets.UTF_8))),
                weight(1, r -> TextMutator.corrupt(sample(r).getBytes(StandardCharsets.UTF_8), r)));
    }

    public Generator<String> samples() {
        return Generator.of(samples);
    }

    /** A sample parsed, changed as a tree ({@link JsonMutator#mutate}) and written again: valid JSON. */
    public Generator<String> mutated() {
        return r -> codec.write(mutator.mutate(tree(r), r));
    }

    /** A sample whose JSON-in-a-string payload is corrupted while the outer JSON stays valid. */
    public Generator<String> corruptedInsideNestedJson() {
        return withNestedJsonCorrupted().map(Variant::variant);
    }

    /** A sample broken as text ({@link TextMutator}): mostly not JSON any more. */
    public Generator<String> corrupted() {
        return r -> TextMutator.corrupt(sample(r), r);
    }

    /** A random JSON object made of the format's words and random values. */
    public Generator<String> generated() {
        return r -> codec.write(random.object(r, 1 + r.nextInt(4)));
    }

    /** Random text that is not meant to be JSON at all. */
    public Generator<String> garbage() {
        return r -> RandomJson.randomText(r, r.nextInt(200));
    }

    /** A sample, and the same sample with unknown members added and members reordered (see {@link JsonMutator}). */
    public Generator<Variant> withUnknownMembers(int levels) {
        return variants((tree, r) -> mutator.withUnknownMembers(tree, r, levels));
    }

    /** A sample, and the same sample with the JSON inside one of its strings corrupted, the outer JSON intact. */
    public Generator<Variant> withNestedJsonCorrupted() {
        return variants(mutator::mutateInsideNestedJson);
    }

    private Generator<Variant> variants(BiFunction<Object, Random, Object> change) {
        return r -> {
            int index = r.nextInt(samples.size());
            return new Variant(samples.get(index), codec.write(change.apply(trees.get(index), r)));
        };
    }

    private Object tree(Random r) {
        return trees.get(r.nextInt(trees.size()));
    }

    private String sample(Random r) {
        return samples.get(r.nextInt(samples.size()));
    }

    /** A valid input and a variant made of it. */
    public record Variant(String original, String variant) {
    }
}
