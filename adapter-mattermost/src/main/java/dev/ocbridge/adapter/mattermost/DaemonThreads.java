package dev.ocbridge.adapter.mattermost;

import java.util.concurrent.ThreadFactory;

/** Threads of the adapter never keep the process alive: the bridge's lifecycle decides when it ends. */
final class DaemonThreads {
    private DaemonThreads() {
    }

    static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
