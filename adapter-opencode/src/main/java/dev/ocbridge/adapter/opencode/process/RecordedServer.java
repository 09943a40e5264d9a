package dev.ocbridge.adapter.opencode.process;

import java.time.Instant;
import java.util.Objects;

/**
 * A server the supervisor started, as written to its pid file: the process, when it started (a pid alone may
 * since belong to someone else), and the mark put into its environment.
 */
record RecordedServer(long pid, Instant startedAt, String mark) {
    RecordedServer {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(mark, "mark");
    }
}
