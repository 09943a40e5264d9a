package dev.ocbridge.core.progress;

import dev.ocbridge.core.answers.ResponseStreamer;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.ToolCall;

import java.time.Clock;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * {@link ProgressMode#FULL}: each tool call and notice is a line in the run's flow, where it happened between the
 * answer's text, edited in place as it goes (a shell command with its output's tail); the todo list is a post of
 * its own, edited in place.
 */
final class FullLayout implements RunLayout {
    private final ResponseStreamer streamer;
    private final RunProgress run;
    private final ToolLine toolLine;
    private final RunLines lines;
    private final Clock clock;
    private final Map<PartId, ResponseStreamer.Block> tools = new HashMap<>();
    private final Map<RunProgress.Notice, ResponseStreamer.Block> notices = new IdentityHashMap<>();
    private ResponseStreamer.Block todos;

    FullLayout(ResponseStreamer streamer, RunProgress run, ToolLine toolLine, RunLines lines, Clock clock) {
        this.streamer = streamer;
        this.run = run;
        this.toolLine = toolLine;
        this.lines = lines;
        this.clock = clock;
    }

    @Override
    public void toolChanged(ToolCall call) {
        ResponseStreamer.Block block = tools.get(call.partId());
        if (block != null) {
            block.changed();
        } else if (RunLayout.worthShowing(call)) {
            PartId id = call.partId();
            tools.put(id, streamer.addBlock(() -> run.tool(id)
                    .map(latest -> toolLine.render(latest, run.subAgentOf(latest), run.hasEnded(), clock.instant(),
                            true))
                    .orElse("")));
        }
    }

    @Override
    public void todosChanged() {
        if (todos != null) {
            todos.changed();
        } else if (!run.todos().isEmpty()) {
            todos = streamer.addPost(() -> Checklist.full(run.todos()));
        }
    }

    @Override
    public void noticeChanged(RunProgress.Notice notice) {
        ResponseStreamer.Block block = notices.get(notice);
        if (block != null) {
            block.changed();
        } else {
            notices.put(notice, streamer.addBlock(() -> lines.notice(notice, run.hasEnded(), clock.instant())));
        }
    }

    @Override
    public void runEnded() {
        tools.values().forEach(ResponseStreamer.Block::changed);
        notices.values().forEach(ResponseStreamer.Block::changed);
        if (todos != null) {
            todos.changed();
        }
    }
}
