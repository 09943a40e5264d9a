package dev.ocbridge.core.port.in;

import dev.ocbridge.core.domain.SessionEvent;

/** Receives what the agent server reports. Returns quickly: the work happens elsewhere. */
public interface SessionEventHandler {
    void onSessionEvent(SessionEvent event);
}
