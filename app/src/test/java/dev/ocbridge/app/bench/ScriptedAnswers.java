package dev.ocbridge.app.bench;

import dev.ocbridge.adapter.opencode.testing.LlmReply;
import dev.ocbridge.adapter.opencode.testing.LlmRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fake LLM answers in the benchmark: every prompt names a token ({@code bridge-0042}: round and number), and the answer to
 * it is streamed in chunks, the first naming the token again, so that an answer found in the wrong thread is
 * recognised. Records when the first chunk of each answer went out and which requests asked for it.
 */
final class ScriptedAnswers implements Function<LlmRequest, LlmReply> {
    private static final Pattern TOKEN = Pattern.compile("\\b(?:primer|before|warmup|bridge|after)-\\d{4}\\b");

    private final int chunks;
    private final Duration delay;
    private final Map<String, Long> firstChunkAt = new ConcurrentHashMap<>();
    private final Map<String, List<String>> requests = new ConcurrentHashMap<>();

    ScriptedAnswers(int chunks, Duration delay) {
        this.chunks = chunks;
        this.delay = delay;
    }

    static String token(String round, int index) {
        return String.format("%s-%04d", round, index);
    }

    /** Every token named in a text, in order (an answer in the right thread names only its own). */
    static List<String> tokensIn(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    static String prompt(String token) {
        return "Benchmark prompt " + token + ": please answer with the scripted text.";
    }

    /** The answer's chunks as the fake LLM streams them. */
    List<String> chunks(String token) {
        List<String> parts = new ArrayList<>();
        parts.add("Answer to " + token + ".");
        for (int i = 1; i < chunks; i++) {
            parts.add(" Part " + i + " of " + (chunks - 1) + ": the quick brown fox jumps over the lazy dog.");
        }
        return parts;
    }

    String firstChunk(String token) {
        return chunks(token).get(0);
    }

    String answer(String token) {
        return String.join("", chunks(token));
    }

    /** When (System.nanoTime) the first chunk of the token's answer was streamed, if it was. */
    Optional<Long> firstChunkAt(String token) {
        return Optional.ofNullable(firstChunkAt.get(token));
    }

    /** The last user message of every request that asked for the token's answer. */
    List<String> requestsFor(String token) {
        return List.copyOf(requests.getOrDefault(token, List.of()));
    }

    @Override
    public LlmReply apply(LlmRequest request) {
        String text = request.lastUserText();
        List<String> tokens = tokensIn(text);
        if (tokens.isEmpty()) {
            return LlmReply.text("OK.");
        }
        String token = tokens.get(0);
        requests.computeIfAbsent(token, t -> new CopyOnWriteArrayList<>()).add(text);
        // The fake LLM sends the first chunk as soon as this returns: this is when the answer starts.
        firstChunkAt.putIfAbsent(token, System.nanoTime());
        return new LlmReply.Text(List.of(), chunks(token), delay);
    }
}
