package dev.ocbridge.core.progress;

import dev.ocbridge.core.domain.MessageId;
import dev.ocbridge.core.domain.MessageInfo;
import dev.ocbridge.core.domain.ModelRef;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.SessionError;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.domain.Todo;
import dev.ocbridge.core.domain.TokenUsage;
import dev.ocbridge.core.domain.ToolCall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one run of a session has done so far, as far as the thread shows it: its tool calls in the order they
 * started, the todo list, retries and compactions, the steps' token usage, the sub-agents' activity, and how it
 * ended. Plain state, changed on the session's queue.
 */
final class RunProgress {
    /** The most of a call's output kept: lines show only its tail, and a command may print megabytes. */
    private static final int KEPT_OUTPUT_CHARS = 16 * 1024;
    /** Tools whose calls other posts show: the todo list is a checklist, a question has a post of its own. */
    private static final Set<String> SHOWN_ELSEWHERE = Set.of("todowrite", "todoread", "question");

    private final Instant startedAt;
    private final Map<PartId, ToolCall> tools = new LinkedHashMap<>();
    private final Map<SessionId, SubAgentActivity> subAgents = new HashMap<>();
    private final Map<MessageId, MessageInfo> steps = new LinkedHashMap<>();
    private final List<Notice> notices = new ArrayList<>();
    private List<Todo> todos = List.of();
    private Instant promptedAt;
    private Instant endedAt;
    private SessionError failure;

    RunProgress(Instant startedAt) {
        this.startedAt = startedAt;
    }

    static boolean isShownAsToolCall(ToolCall call) {
        return !SHOWN_ELSEWHERE.contains(call.tool());
    }

    /** Returns whether the call is one the thread shows as a tool line. */
    boolean toolUpdated(ToolCall call) {
        if (!isShownAsToolCall(call)) {
            return false;
        }
        tools.put(call.partId(), kept(call));
        return true;
    }

    /** What the lines need of a call: not its input (a file's whole content, say), only the end of its output. */
    private static ToolCall kept(ToolCall call) {
        String output = call.output();
        String tail = output.length() <= KEPT_OUTPUT_CHARS ? output
                : output.substring(output.length() - KEPT_OUTPUT_CHARS);
        return new ToolCall(call.partId(), call.messageId(), call.callId(), call.tool(), call.state(), call.title(),
                "", tail, call.error(), call.startedAt(), call.endedAt(), call.details());
    }

    Collection<ToolCall> tools() {
        return tools.values();
    }

    Optional<ToolCall> tool(PartId id) {
        return Optional.ofNullable(tools.get(id));
    }

    /** The task tool call whose sub-agent runs in {@code child}, if one has named it yet. */
    Optional<ToolCall> taskOf(SessionId child) {
        return tools.values().stream().filter(call -> call.details().child().filter(child::equals).isPresent())
                .findFirst();
    }

    SubAgentActivity subAgent(SessionId child) {
        return subAgents.computeIfAbsent(child, id -> new SubAgentActivity());
    }

    Optional<SubAgentActivity> subAgentOf(ToolCall task) {
        return task.details().child().map(subAgents::get);
    }

    void todosUpdated(List<Todo> latest) {
        todos = List.copyOf(latest);
    }

    List<Todo> todos() {
        return todos;
    }

    /** A retry of the model call: the one under way is updated, else a new one begins. */
    Notice.Retry retrying(SessionStatus.Retrying status) {
        Optional<Notice.Retry> open = openRetry();
        if (open.isPresent()) {
            open.get().waitFor(status);
            return open.get();
        }
        Notice.Retry retry = new Notice.Retry(status);
        notices.add(retry);
        return retry;
    }

    /** The server calls the model again after a retry's wait. */
    Optional<Notice.Retry> tryingAgain() {
        Optional<Notice.Retry> open = openRetry().filter(Notice.Retry::isWaiting);
        open.ifPresent(Notice.Retry::tryNow);
        return open;
    }

    /** The model answered: a retry under way went through. */
    Optional<Notice.Retry> modelAnswered() {
        Optional<Notice.Retry> open = openRetry();
        open.ifPresent(Notice.Retry::resolve);
        return open;
    }

    private Optional<Notice.Retry> openRetry() {
        return notices.stream().filter(Notice.Retry.class::isInstance).map(Notice.Retry.class::cast)
                .filter(retry -> !retry.resolved()).findFirst();
    }

    Notice compacted() {
        Notice notice = new Notice.Compaction();
        notices.add(notice);
        return notice;
    }

    List<Notice> notices() {
        return List.copyOf(notices);
    }

    void promptedAt(Instant createdAt) {
        if (promptedAt == null && createdAt != null) {
            promptedAt = createdAt;
        }
    }

    void stepUpdated(MessageInfo step) {
        steps.put(step.id(), step);
    }

    Set<MessageId> stepIds() {
        return Set.copyOf(steps.keySet());
    }

    TokenUsage tokens() {
        TokenUsage sum = TokenUsage.NONE;
        for (MessageInfo step : steps.values()) {
            TokenUsage used = step.tokens();
            sum = new TokenUsage(sum.input() + used.input(), sum.output() + used.output(),
                    sum.reasoning() + used.reasoning(), sum.cacheRead() + used.cacheRead(),
                    sum.cacheWrite() + used.cacheWrite());
        }
        return sum;
    }

    double cost() {
        return steps.values().stream().mapToDouble(MessageInfo::cost).sum();
    }

    Set<ModelRef> models() {
        Set<ModelRef> models = new LinkedHashSet<>();
        steps.values().forEach(step -> step.writtenBy().ifPresent(models::add));
        return models;
    }

    void failed(SessionError error) {
        failure = error;
    }

    Optional<SessionError> failure() {
        return Optional.ofNullable(failure);
    }

    void end(Instant at) {
        endedAt = at;
    }

    boolean hasEnded() {
        return endedAt != null;
    }

    /**
     * How long the run took: by the agent server's clock from the prompt (or the first step) to the last step's
     * end when it says; else by the bridge's from the first event of the run until {@code now} or its end.
     */
    Duration duration(Instant now) {
        Instant serverStart = promptedAt;
        Instant serverEnd = null;
        for (MessageInfo step : steps.values()) {
            if (serverStart == null) {
                serverStart = step.createdAt();
            }
            if (step.completedAt() != null && (serverEnd == null || step.completedAt().isAfter(serverEnd))) {
                serverEnd = step.completedAt();
            }
        }
        if (hasEnded() && serverStart != null && serverEnd != null && !serverEnd.isBefore(serverStart)) {
            return Duration.between(serverStart, serverEnd);
        }
        Instant end = endedAt == null ? now : endedAt;
        return end.isBefore(startedAt) ? Duration.ZERO : Duration.between(startedAt, end);
    }

    /** What a sub-agent's session has done, shown on its task's line. */
    static final class SubAgentActivity {
        private final Set<PartId> tools = new LinkedHashSet<>();
        private SessionStatus status = SessionStatus.busy();

        void toolUpdated(ToolCall call) {
            if (isShownAsToolCall(call)) {
                tools.add(call.partId());
            }
        }

        void statusChanged(SessionStatus latest) {
            status = latest;
        }

        int toolCount() {
            return tools.size();
        }

        boolean isRetrying() {
            return status instanceof SessionStatus.Retrying;
        }
    }

    /** Something that happened to the run as a whole, shown on a line of its own. */
    abstract static sealed class Notice permits Notice.Retry, Notice.Compaction {

        /** The model call failed and the server tries again, after a wait. */
        static final class Retry extends Notice {
            private SessionStatus.Retrying latest;
            private boolean waiting = true;
            private boolean resolved;

            private Retry(SessionStatus.Retrying status) {
                this.latest = status;
            }

            private void waitFor(SessionStatus.Retrying status) {
                latest = status;
                waiting = true;
            }

            private void tryNow() {
                waiting = false;
            }

            private void resolve() {
                resolved = true;
            }

            SessionStatus.Retrying latest() {
                return latest;
            }

            /** Waiting for the next try, rather than trying now. */
            boolean isWaiting() {
                return waiting;
            }

            boolean resolved() {
                return resolved;
            }
        }

        /** The conversation was summarised to fit the context window. */
        static final class Compaction extends Notice {
        }
    }
}
