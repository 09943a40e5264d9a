package dev.ocbridge.core.work;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The items seen lately, up to a bound: the oldest are forgotten first, so a long-lived session does not keep
 * every id it ever saw. Not thread-safe; used on one queue.
 */
public final class RecentlySeen<T> {
    private final int capacity;
    private final Set<T> items = new LinkedHashSet<>();

    public RecentlySeen(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    /** Remembers the item; returns whether it is new. */
    public boolean add(T item) {
        if (!items.add(item)) {
            return false;
        }
        while (items.size() > capacity) {
            items.remove(items.iterator().next());
        }
        return true;
    }

    public boolean contains(T item) {
        return items.contains(item);
    }
}
