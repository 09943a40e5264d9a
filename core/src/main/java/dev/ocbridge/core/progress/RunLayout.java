package dev.ocbridge.core.progress;

import dev.ocbridge.core.domain.ToolCall;
import dev.ocbridge.core.domain.ToolState;

/** Where a run's progress goes in the thread, by the operator's {@link ProgressMode}. */
interface RunLayout {

    /** A tool call the thread shows started or changed. */
    void toolChanged(ToolCall call);

    void todosChanged();

    void noticeChanged(RunProgress.Notice notice);

    /** The run ended: everything it shows is shown once more in its final state. */
    void runEnded();

    /** {@link ProgressMode#OFF}: answers, questions and permission requests only. */
    RunLayout QUIET = new RunLayout() {
        @Override
        public void toolChanged(ToolCall call) {
        }

        @Override
        public void todosChanged() {
        }

        @Override
        public void noticeChanged(RunProgress.Notice notice) {
        }

        @Override
        public void runEnded() {
        }
    };

    /** A call still waiting for its arguments says nothing worth a line yet. */
    static boolean worthShowing(ToolCall call) {
        return call.state() != ToolState.PENDING || call.details().target().isPresent();
    }
}
