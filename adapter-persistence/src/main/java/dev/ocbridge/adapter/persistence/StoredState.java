package dev.ocbridge.adapter.persistence;

import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadMapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The content of the state file in domain terms, one mapping per session in the order first saved.
 * {@code otherSections} are top-level members this version does not know (written by a newer bridge of the
 * same format version); they are written back unchanged.
 */
record StoredState(List<ThreadMapping> mappings, Map<ChannelId, ChannelCursor> cursors,
                   Map<String, Object> otherSections) {

    static final StoredState EMPTY = new StoredState(List.of(), Map.of(), Map.of());

    StoredState {
        mappings = List.copyOf(mappings);
        cursors = Map.copyOf(cursors);
        // In the order read, so that writing the file again writes the same bytes.
        otherSections = Collections.unmodifiableMap(new LinkedHashMap<>(otherSections));
    }

    Optional<ThreadMapping> mappingOf(SessionId session) {
        return mappings.stream().filter(mapping -> mapping.sessionId().equals(session)).findFirst();
    }

    /** This state with {@code mapping} replacing the one of its session, or added after the others. */
    StoredState withMapping(ThreadMapping mapping) {
        List<ThreadMapping> changed = new ArrayList<>(mappings);
        int index = changed.stream().map(ThreadMapping::sessionId).toList().indexOf(mapping.sessionId());
        if (index < 0) {
            changed.add(mapping);
        } else {
            changed.set(index, mapping);
        }
        return new StoredState(changed, cursors, otherSections);
    }

    /** This state without the mappings that ended before {@code cutoff}; the same instance when none did. */
    StoredState withoutMappingsEndedBefore(Instant cutoff) {
        List<ThreadMapping> kept = mappings.stream()
                .filter(mapping -> mapping.ended().map(ended -> !ended.isBefore(cutoff)).orElse(true))
                .toList();
        return kept.size() == mappings.size() ? this : new StoredState(kept, cursors, otherSections);
    }

    StoredState withCursor(ChannelId channel, ChannelCursor cursor) {
        Map<ChannelId, ChannelCursor> changed = new HashMap<>(cursors);
        changed.put(channel, cursor);
        return new StoredState(mappings, changed, otherSections);
    }
}
