package dev.ocbridge.core.progress;

import dev.ocbridge.core.answers.ResponseStreamer;
import dev.ocbridge.core.domain.MessageId;
import dev.ocbridge.core.domain.MessageInfo;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.SessionError;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.domain.Todo;
import dev.ocbridge.core.domain.ToolCall;
import dev.ocbridge.core.work.RecentlySeen;

import java.time.Clock;
import java.util.List;

/**
 * What one session's thread shows of the agent's work while it runs: tool calls, the todo list, retries and
 * compactions laid out by the {@link ProgressMode}, the typing indicator, and the closing line of each run. All
 * calls arrive on the session's queue. Updates the server sends after a run ended (an aborted run's tools, say)
 * are not shown again.
 */
public final class SessionProgress {
    private static final int MAX_REMEMBERED = 2_000;

    private final ResponseStreamer streamer;
    private final ProgressMode mode;
    private final Clock clock;
    private final ToolLine toolLine;
    private final RunLines lines;
    private final WorkingIndicator working;
    private final RecentlySeen<PartId> endedTools = new RecentlySeen<>(MAX_REMEMBERED);
    private final RecentlySeen<MessageId> endedSteps = new RecentlySeen<>(MAX_REMEMBERED);
    private final RecentlySeen<MessageId> prompts = new RecentlySeen<>(MAX_REMEMBERED);
    private RunProgress run;
    private RunLayout layout = RunLayout.QUIET;

    SessionProgress(ResponseStreamer streamer, ProgressMode mode, String directory, Clock clock,
                    WorkingIndicator working) {
        this.streamer = streamer;
        this.mode = mode;
        this.clock = clock;
        this.toolLine = new ToolLine(directory);
        this.lines = new RunLines(toolLine);
        this.working = working;
        if (mode != ProgressMode.OFF) {
            streamer.showWhileWorking(RunLines.WORKING);
        }
    }

    public void statusChanged(SessionStatus status) {
        if (status instanceof SessionStatus.Retrying retrying) {
            working.working();
            layout().noticeChanged(run().retrying(retrying));
        } else if (status instanceof SessionStatus.Busy) {
            working.working();
            run().tryingAgain().ifPresent(layout::noticeChanged);
        } else if (status instanceof SessionStatus.Idle) {
            working.stopped();
        }
    }

    public void toolUpdated(ToolCall call) {
        if (endedTools.contains(call.partId()) || endedSteps.contains(call.messageId())) {
            return;
        }
        RunProgress current = run();
        current.modelAnswered().ifPresent(layout::noticeChanged);
        if (current.toolUpdated(call)) {
            layout.toolChanged(call);
        }
    }

    public void todosUpdated(List<Todo> todos) {
        run().todosUpdated(todos);
        layout.todosChanged();
    }

    public void compacted() {
        layout().noticeChanged(run().compacted());
    }

    /** A prompt the session received; the server repeats it, and only its first report counts. */
    public void prompted(MessageInfo prompt) {
        if (prompts.add(prompt.id())) {
            run().promptedAt(prompt.createdAt());
        }
    }

    /** A step of the agent's answer, reported many times as it goes; its latest tokens count. */
    public void stepUpdated(MessageInfo step) {
        if (endedSteps.contains(step.id())) {
            return;
        }
        RunProgress current = run();
        current.stepUpdated(step);
        if (step.tokens().total() > 0) {
            current.modelAnswered().ifPresent(layout::noticeChanged);
        }
    }

    /** A tool call of a sub-agent this session's task tool started: shown on the task's line. */
    public void subAgentToolUpdated(SessionId child, ToolCall call) {
        if (run == null) {
            return;
        }
        run.subAgent(child).toolUpdated(call);
        run.taskOf(child).ifPresent(layout::toolChanged);
    }

    public void subAgentStatusChanged(SessionId child, SessionStatus status) {
        if (run == null) {
            return;
        }
        run.subAgent(child).statusChanged(status);
        run.taskOf(child).ifPresent(layout::toolChanged);
    }

    /** A person is asked a question or for a permission: the agent waits, it does not work meanwhile. */
    public void waitingForAnswer() {
        working.waitingForAnswer();
    }

    public void answered() {
        working.answered();
    }

    /** The run failed or was stopped; returns its closing line, as {@link #finishRun()}. */
    public String finishRun(SessionError failure) {
        if (run != null) {
            run.failed(failure);
        }
        return finishRun();
    }

    /**
     * The run ended: what it shows is brought to its final state (calls still running are shown stopped), and the
     * closing line to end it with is returned (empty when there is none, or in {@link ProgressMode#OFF}).
     */
    public String finishRun() {
        working.stopped();
        if (run == null) {
            return "";
        }
        RunProgress ended = run;
        run = null;
        ended.end(clock.instant());
        layout.runEnded();
        layout = RunLayout.QUIET;
        ended.tools().forEach(call -> endedTools.add(call.partId()));
        ended.stepIds().forEach(endedSteps::add);
        return mode == ProgressMode.OFF ? "" : lines.closing(ended, clock.instant());
    }

    private RunProgress run() {
        if (run == null) {
            run = new RunProgress(clock.instant());
            layout = newLayout(run);
        }
        return run;
    }

    private RunLayout layout() {
        run();
        return layout;
    }

    private RunLayout newLayout(RunProgress progress) {
        switch (mode) {
            case FULL:
                return new FullLayout(streamer, progress, toolLine, lines, clock);
            case COMPACT:
                return new CompactLayout(streamer, progress, lines, clock);
            case OFF:
            default:
                return RunLayout.QUIET;
        }
    }
}
