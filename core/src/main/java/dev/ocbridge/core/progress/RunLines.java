package dev.ocbridge.core.progress;

import dev.ocbridge.core.domain.ModelRef;
import dev.ocbridge.core.domain.SessionError;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.domain.TokenUsage;
import dev.ocbridge.core.domain.ToolCall;
import dev.ocbridge.core.texts.Untrusted;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The lines about a run as a whole: how it ended and what it cost, its notices, and the compact activity post. */
final class RunLines {
    /** The compact activity post shows this many of the latest tool calls. */
    static final int COMPACT_TOOLS = 6;
    private static final int MESSAGE_CHARS = 300;
    /** The last line of a run's posts while it goes on: the closing line replaces it. */
    static final String WORKING = ":hourglass_flowing_sand: _Working…_";

    private final ToolLine tools;

    RunLines(ToolLine tools) {
        this.tools = tools;
    }

    /**
     * How the run ended, how long it took, the model, the tokens and the cost where the model has a price; empty
     * for a run that spent no tokens (a model call that failed at once, say), whose error tells enough.
     */
    String closing(RunProgress run, Instant now) {
        TokenUsage tokens = run.tokens();
        if (tokens.total() == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        parts.add(outcome(run) + " " + Amounts.elapsed(run.duration(now)));
        if (!run.models().isEmpty()) {
            parts.add(run.models().stream().map(ModelRef::toString).map(Untrusted::code)
                    .collect(Collectors.joining(", ")));
        }
        String used = Amounts.tokens(tokens.input()) + " in / " + Amounts.tokens(tokens.output()) + " out tokens";
        if (tokens.reasoning() > 0) {
            used += " (+" + Amounts.tokens(tokens.reasoning()) + " reasoning)";
        }
        parts.add(used);
        List<String> cache = new ArrayList<>();
        if (tokens.cacheRead() > 0) {
            cache.add(Amounts.tokens(tokens.cacheRead()) + " read");
        }
        if (tokens.cacheWrite() > 0) {
            cache.add(Amounts.tokens(tokens.cacheWrite()) + " written");
        }
        if (!cache.isEmpty()) {
            parts.add("cache " + String.join(", ", cache));
        }
        if (run.cost() > 0) {
            parts.add(Amounts.cost(run.cost()));
        }
        return String.join(" · ", parts);
    }

    private static String outcome(RunProgress run) {
        Optional<SessionError> failure = run.failure();
        if (failure.isEmpty()) {
            return ":white_check_mark: Done in";
        }
        return failure.get().isAbort() ? ":stop_sign: Stopped after" : ":warning: Failed after";
    }

    String notice(RunProgress.Notice notice, boolean runEnded, Instant now) {
        if (notice instanceof RunProgress.Notice.Retry retry) {
            return retry(retry, runEnded, now);
        }
        return ":information_source: The conversation was summarised to fit the model's context window.";
    }

    private static String retry(RunProgress.Notice.Retry retry, boolean runEnded, Instant now) {
        SessionStatus.Retrying latest = retry.latest();
        String message = latest.message().strip();
        String why = message.isEmpty() ? "" : " (" + Untrusted.inline(message.length() <= MESSAGE_CHARS ? message
                : message.substring(0, MESSAGE_CHARS) + "…") + ")";
        int attempt = latest.attempt();
        String retries = attempt == 1 ? "1 retry" : attempt + " retries";
        if (retry.resolved()) {
            return ":repeat: The model call failed" + why + "; it went through on retry " + attempt + ".";
        }
        if (runEnded) {
            return ":repeat: The model call failed" + why + " (" + retries + ").";
        }
        if (!retry.isWaiting()) {
            return ":repeat: The model call failed" + why + "; trying again now (retry " + attempt + ").";
        }
        String next = latest.nextAttemptAt() == null ? ""
                : " in " + Amounts.elapsed(positive(Duration.between(now, latest.nextAttemptAt())));
        return ":repeat: The model call failed" + why + "; trying again" + next + " (retry " + attempt + ").";
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    /**
     * The compact activity post: the run's state with its tool count and time, its notices, the todo list in
     * brief, and the latest tool calls without their output.
     */
    String compact(RunProgress run, Instant now) {
        List<ToolCall> calls = List.copyOf(run.tools());
        List<String> lines = new ArrayList<>();
        lines.add(state(run) + " · " + (calls.size() == 1 ? "1 tool" : calls.size() + " tools") + " · "
                + Amounts.elapsed(run.duration(now)));
        run.notices().forEach(notice -> lines.add(notice(notice, run.hasEnded(), now)));
        if (!run.todos().isEmpty()) {
            lines.add(Checklist.brief(run.todos()));
        }
        int from = Math.max(0, calls.size() - COMPACT_TOOLS);
        if (from > 0) {
            lines.add("_… " + from + " earlier_");
        }
        for (ToolCall call : calls.subList(from, calls.size())) {
            lines.add(tools.render(call, run.subAgentOf(call), run.hasEnded(), now, false));
        }
        return String.join("\n", lines);
    }

    private static String state(RunProgress run) {
        if (!run.hasEnded()) {
            return ":hourglass_flowing_sand: **Working**";
        }
        Optional<SessionError> failure = run.failure();
        if (failure.isEmpty()) {
            return ":white_check_mark: **Done**";
        }
        return failure.get().isAbort() ? ":stop_sign: **Stopped**" : ":warning: **Failed**";
    }
}
