package dev.ocbridge.adapter.persistence;

import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ThreadMapping;

import java.util.List;
import java.util.Map;

/**
 * The content of the state file in domain terms. {@code otherSections} are top-level members this version
 * does not know (written by a newer bridge of the same format version); they are written back unchanged.
 */
record StoredState(List<ThreadMapping> mappings, Map<ChannelId, ChannelCursor> cursors,
                   Map<String, Object> otherSections) {

    static final StoredState EMPTY = new StoredState(List.of(), Map.of(), Map.of());

    StoredState {
        mappings = List.copyOf(mappings);
        cursors = Map.copyOf(cursors);
        otherSections = Map.copyOf(otherSections);
    }
}
