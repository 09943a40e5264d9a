package dev.ocbridge.adapter.opencode.sse;

import java.util.Map;

/**
 * Counters of the event stream, for logs and health: what was received, what could not be read, which
 * event types were unknown (new OpenCode releases add some; the first {@link OpenCodeEventParser#MAX_UNKNOWN_TYPES}
 * by name, the rest together) and how many global-stream duplicates were dropped.
 */
public record EventStats(long received, long malformed, long unknown, long duplicates, Map<String, Long> unknownTypes) {

    public EventStats {
        unknownTypes = Map.copyOf(unknownTypes);
    }
}
