package dev.ocbridge.adapter.opencode;

import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;

import java.util.List;
import java.util.Set;

/** What a resynchronisation found missed, and the sessions whose history could not be read this time. */
record Resynchronisation(List<SessionEvent> missed, Set<SessionId> unrecovered) {

    Resynchronisation {
        missed = List.copyOf(missed);
        unrecovered = Set.copyOf(unrecovered);
    }

    boolean complete() {
        return unrecovered.isEmpty();
    }
}
