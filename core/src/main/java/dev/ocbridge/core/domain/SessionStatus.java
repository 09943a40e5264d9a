package dev.ocbridge.core.domain;

import java.time.Instant;

/** Whether a session is working. Level signals: the same status may be reported many times. */
public sealed interface SessionStatus {
    record Idle() implements SessionStatus {
    }

    record Busy() implements SessionStatus {
    }

    /** The model call failed and the server waits before trying again. */
    record Retrying(int attempt, String message, Instant nextAttemptAt) implements SessionStatus {
        public Retrying {
            message = message == null ? "" : message;
        }
    }

    static SessionStatus idle() {
        return new Idle();
    }

    static SessionStatus busy() {
        return new Busy();
    }
}
