package dev.ocbridge.core.progress;

import dev.ocbridge.core.domain.ThreadRef;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.SchedulerPort;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Shows in the thread that the agent works (a typing indicator, which chat clients drop after a few seconds), again
 * every few seconds while the session is busy; not while it waits for a person to answer a question or a
 * permission request. All calls arrive on the session's queue; refreshes re-enter through it.
 */
final class WorkingIndicator {
    /** Mattermost's clients stop showing a typing user after about five seconds. */
    static final Duration REFRESH = Duration.ofSeconds(4);

    private final ChatPort chat;
    private final ThreadRef thread;
    private final SchedulerPort scheduler;
    private final Consumer<Runnable> onSessionQueue;
    private boolean working;
    private int openQuestions;
    private SchedulerPort.Cancellable refresh;

    WorkingIndicator(ChatPort chat, ThreadRef thread, SchedulerPort scheduler, Consumer<Runnable> onSessionQueue) {
        this.chat = chat;
        this.thread = thread;
        this.scheduler = scheduler;
        this.onSessionQueue = onSessionQueue;
    }

    /** The session is busy (said again and again while it is): shown now, unless shown already. */
    void working() {
        if (!working) {
            working = true;
            show();
        }
    }

    /** A person is asked something: the agent waits for them, it does not work. */
    void waitingForAnswer() {
        openQuestions++;
        cancelRefresh();
    }

    void answered() {
        if (openQuestions > 0) {
            openQuestions--;
            show();
        }
    }

    void stopped() {
        working = false;
        openQuestions = 0;
        cancelRefresh();
    }

    private void show() {
        if (!working || openQuestions > 0) {
            return;
        }
        cancelRefresh();
        chat.showWorking(thread);
        refresh = scheduler.schedule(REFRESH, () -> onSessionQueue.accept(() -> {
            refresh = null;
            show();
        }));
    }

    private void cancelRefresh() {
        if (refresh != null) {
            refresh.cancel();
            refresh = null;
        }
    }
}
