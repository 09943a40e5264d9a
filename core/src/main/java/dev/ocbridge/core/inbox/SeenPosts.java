package dev.ocbridge.core.inbox;

import dev.ocbridge.core.domain.PostId;

import java.util.LinkedHashSet;
import java.util.Set;

/** The ids of the most recently delivered posts, so that a post reaches the bridge once. */
final class SeenPosts {
    private final int capacity;
    private final Set<PostId> ids = new LinkedHashSet<>();

    SeenPosts(int capacity) {
        this.capacity = capacity;
    }

    /** Records the post; false if it was delivered already. */
    synchronized boolean firstTime(PostId id) {
        if (!ids.add(id)) {
            return false;
        }
        if (ids.size() > capacity) {
            ids.remove(ids.iterator().next());
        }
        return true;
    }
}
