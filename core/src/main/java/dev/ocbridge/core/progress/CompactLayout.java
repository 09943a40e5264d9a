package dev.ocbridge.core.progress;

import dev.ocbridge.core.answers.ResponseStreamer;
import dev.ocbridge.core.domain.ToolCall;

import java.time.Clock;

/**
 * {@link ProgressMode#COMPACT}: one activity post per run, opened at its first activity and edited in place: the
 * run's state, its notices, the todo list in brief and its latest tool calls. The answer goes above and below it.
 */
final class CompactLayout implements RunLayout {
    private final ResponseStreamer streamer;
    private final RunProgress run;
    private final RunLines lines;
    private final Clock clock;
    private ResponseStreamer.Block post;

    CompactLayout(ResponseStreamer streamer, RunProgress run, RunLines lines, Clock clock) {
        this.streamer = streamer;
        this.run = run;
        this.lines = lines;
        this.clock = clock;
    }

    @Override
    public void toolChanged(ToolCall call) {
        if (post != null || RunLayout.worthShowing(call)) {
            show();
        }
    }

    @Override
    public void todosChanged() {
        if (post != null || !run.todos().isEmpty()) {
            show();
        }
    }

    @Override
    public void noticeChanged(RunProgress.Notice notice) {
        show();
    }

    @Override
    public void runEnded() {
        if (post != null) {
            post.changed();
        }
    }

    private void show() {
        if (post == null) {
            post = streamer.addPost(() -> lines.compact(run, clock.instant()));
        } else {
            post.changed();
        }
    }
}
