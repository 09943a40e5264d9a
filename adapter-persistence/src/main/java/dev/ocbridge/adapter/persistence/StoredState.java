package dev.ocbridge.adapter.persistence;

import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.RequestKey;
import dev.ocbridge.core.domain.RequestPost;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadMapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The content of the state file in domain terms, one mapping per session and one request post per request, each
 * in the order first saved.
 * {@code otherSections} are top-level members this version does not know (written by a newer bridge of the
 * same format version); they are written back unchanged.
 */
record StoredState(List<ThreadMapping> mappings, Map<ChannelId, ChannelCursor> cursors,
                   List<RequestPost> requestPosts, Map<String, Object> otherSections) {

    static final StoredState EMPTY = new StoredState(List.of(), Map.of(), List.of(), Map.of());

    StoredState {
        mappings = List.copyOf(mappings);
        cursors = Map.copyOf(cursors);
        requestPosts = List.copyOf(requestPosts);
        otherSections = Map.copyOf(otherSections);
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
        return new StoredState(changed, cursors, requestPosts, otherSections);
    }

    StoredState withCursor(ChannelId channel, ChannelCursor cursor) {
        Map<ChannelId, ChannelCursor> changed = new HashMap<>(cursors);
        changed.put(channel, cursor);
        return new StoredState(mappings, changed, requestPosts, otherSections);
    }

    Optional<RequestPost> requestPostOf(RequestKey key) {
        return requestPosts.stream().filter(post -> post.key().equals(key)).findFirst();
    }

    /** This state with {@code post} replacing the one of its request, or added after the others. */
    StoredState withRequestPost(RequestPost post) {
        List<RequestPost> changed = new ArrayList<>(requestPosts);
        int index = changed.stream().map(RequestPost::key).toList().indexOf(post.key());
        if (index < 0) {
            changed.add(post);
        } else {
            changed.set(index, post);
        }
        return new StoredState(mappings, cursors, changed, otherSections);
    }

    StoredState withoutRequestPost(RequestKey key) {
        List<RequestPost> changed = new ArrayList<>(requestPosts);
        changed.removeIf(post -> post.key().equals(key));
        return new StoredState(mappings, cursors, changed, otherSections);
    }
}
