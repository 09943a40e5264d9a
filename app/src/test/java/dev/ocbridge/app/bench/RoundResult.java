package dev.ocbridge.app.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The prompts of one round, prompted at once, and the figures the report gives for them; {@code machineLoad} is the
 * load average at its start and end (the machine is shared: compare rounds of one run, not runs).
 */
record RoundResult(String name, List<PromptTimes> prompts, String machineLoad) {

    RoundResult {
        prompts = List.copyOf(prompts);
    }

    /** The prompts of both rounds, for latencies over both (round-wide times of the union mean nothing). */
    RoundResult with(RoundResult other) {
        List<PromptTimes> both = new ArrayList<>(prompts);
        both.addAll(other.prompts);
        return new RoundResult(name + "+" + other.name, both, machineLoad + ", " + other.machineLoad);
    }

    /** When the first prompt was sent: every round-wide time counts from here. */
    long start() {
        return prompts.stream().map(PromptTimes::sentAt).filter(Objects::nonNull).mapToLong(Long::longValue).min()
                .orElseThrow(() -> new IllegalStateException("no prompt of " + name + " was sent"));
    }

    /** First prompt sent → last answer complete. */
    Duration allAnswered() {
        return sinceStart(PromptTimes::completeAt);
    }

    /** First prompt sent → the last answer finished by OpenCode. */
    Duration allFinishedByOpenCode() {
        return sinceStart(PromptTimes::finishedAt);
    }

    /** First prompt sent → the last prompt accepted by OpenCode. */
    Duration allAccepted() {
        return sinceStart(PromptTimes::acceptedAt);
    }

    /** Prompt call begun → returned (straight to OpenCode only). */
    Latencies call() {
        return between(PromptTimes::sentAt, PromptTimes::returnedAt);
    }

    /** Prompt sent → prompt accepted by OpenCode. */
    Latencies route() {
        return between(PromptTimes::sentAt, PromptTimes::acceptedAt);
    }

    /** First chunk streamed by the LLM → first chunk stored in chat. */
    Latencies firstToken() {
        return between(PromptTimes::firstChunkAt, PromptTimes::visibleAt);
    }

    /** Prompt sent → answer complete: how long each person waited. */
    Latencies answer() {
        return between(PromptTimes::sentAt, PromptTimes::completeAt);
    }

    /** Prompt accepted → the LLM asked for its answer: OpenCode's own work before the model is called. */
    Latencies acceptedToLlm() {
        return between(PromptTimes::acceptedAt, PromptTimes::firstChunkAt);
    }

    /** The LLM's first chunk → OpenCode announced the answer finished: the stream, through OpenCode. */
    Latencies llmToFinished() {
        return between(PromptTimes::firstChunkAt, PromptTimes::finishedAt);
    }

    /** Answer finished by OpenCode → answer complete in chat. */
    Latencies lastEdit() {
        return between(PromptTimes::finishedAt, PromptTimes::completeAt);
    }

    /** Tokens of the prompts whose answer was not complete. */
    List<String> unanswered() {
        return prompts.stream().filter(prompt -> prompt.completeAt() == null).map(PromptTimes::token).toList();
    }

    private Duration sinceStart(Function<PromptTimes, Long> time) {
        long start = start();
        return Duration.ofNanos(prompts.stream().map(time).filter(Objects::nonNull)
                .mapToLong(at -> at - start).max().orElse(0));
    }

    private Latencies between(Function<PromptTimes, Long> from, Function<PromptTimes, Long> to) {
        List<Long> nanos = new ArrayList<>();
        for (PromptTimes prompt : prompts) {
            Long begin = from.apply(prompt);
            Long end = to.apply(prompt);
            if (begin != null && end != null) {
                nanos.add(end - begin);
            }
        }
        return Latencies.ofNanos(nanos);
    }
}
