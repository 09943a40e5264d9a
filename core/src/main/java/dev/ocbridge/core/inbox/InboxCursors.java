package dev.ocbridge.core.inbox;

import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.port.out.MappingStore;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where catch-up of each direct channel resumes after an outage or a restart: a low-water mark over the posts the
 * inbox was given. A channel's cursor moves to its newest handled post such that every older post of the channel
 * given to the inbox has been handled too; posts of other threads that were handled sooner wait above it. While
 * the chat owes the channel a catch-up (posts it could not read yet), the cursor does not move at all, because the
 * missed posts are older than those delivered meanwhile. The posts handled above the mark go with the cursor
 * ({@link ChannelCursor#handledAfter}), so that a catch-up after a restart does not hand them on again. A channel
 * without a cursor gets one {@link ChannelCursor#startingAt} its first post given to the inbox. Moves go to
 * {@link MappingStore#advanceCursor}, which batches its writes, so nothing here waits for a disk.
 */
final class InboxCursors {
    private static final System.Logger LOG = System.getLogger(InboxCursors.class.getName());

    private final MappingStore store;
    private final Map<ChannelId, Marks> channels = new HashMap<>();
    private long received;

    InboxCursors(MappingStore store) {
        this.store = store;
    }

    /**
     * The post is in the inbox now; false if it is there already (delivered twice) or was handled before a restart,
     * and then the caller drops it.
     */
    synchronized boolean received(ChatPost post) {
        Marks marks = channels.computeIfAbsent(post.channelId(), channel -> new Marks());
        if (marks.byPost.containsKey(post.id())) {
            return false;
        }
        Mark mark = new Mark(post.createdAt(), received++, post.id());
        marks.byPost.put(post.id(), mark);
        Optional<ChannelCursor> stored = storedCursor(post.channelId());
        if (stored.map(cursor -> cursor.handledAfter().containsKey(post.id())).orElse(false)) {
            marks.handled.add(mark);
            move(post.channelId(), marks);
            return false;
        }
        marks.waiting.add(mark);
        if (stored.isEmpty()) {
            // Without a cursor a restart starts the channel at its newest post, past this one if it is still
            // waiting then (its session still being created, say): it would never be handled.
            write(post.channelId(), ChannelCursor.startingAt(post.createdAt()));
        }
        return true;
    }

    /** The post was answered, refused, ignored, given up for good, or its prompt accepted. */
    synchronized void handled(ChatPost post) {
        Marks marks = channels.get(post.channelId());
        Mark mark = marks == null ? null : marks.byPost.get(post.id());
        if (mark == null || !marks.waiting.remove(mark)) {
            return;
        }
        marks.handled.add(mark);
        move(post.channelId(), marks);
    }

    /** Where a channel without a cursor starts; a channel that has one keeps it. */
    synchronized void startAt(ChannelId channel, ChannelCursor cursor) {
        if (storedCursor(channel).isEmpty()) {
            write(channel, cursor);
        }
    }

    /** The chat could not deliver what the channel missed; it will, and then say {@link #caughtUp}. */
    synchronized void catchUpOwed(ChannelId channel) {
        channels.computeIfAbsent(channel, id -> new Marks()).held = true;
    }

    /** What the channel missed has been given to the inbox. */
    synchronized void caughtUp(ChannelId channel) {
        Marks marks = channels.get(channel);
        if (marks != null && marks.held) {
            marks.held = false;
            move(channel, marks);
        }
    }

    private void move(ChannelId channel, Marks marks) {
        Optional<ChannelCursor> stored = storedCursor(channel);
        NavigableSet<Mark> passable = marks.held ? new TreeSet<>() : marks.waiting.isEmpty()
                ? marks.handled : marks.handled.headSet(marks.waiting.first(), false);
        ChannelCursor next;
        if (passable.isEmpty()) {
            if (stored.isEmpty()) {
                return;
            }
            // The mark stays; what was handled above it joins what was known handled there before.
            Map<PostId, Instant> handledAfter = new HashMap<>(stored.get().handledAfter());
            marks.handled.forEach(mark -> handledAfter.put(mark.post(), mark.at()));
            next = new ChannelCursor(stored.get().lastPostId(), stored.get().lastPostAt(), handledAfter);
        } else {
            Mark newest = passable.last();
            Set<PostId> passed = new HashSet<>();
            passable.forEach(mark -> passed.add(mark.post()));
            passed.forEach(marks.byPost::remove);
            passable.clear();
            // Posts known handled before a restart that catch-up has not delivered again yet stay known, as long
            // as they are above the new mark.
            Map<PostId, Instant> handledAfter = new HashMap<>();
            stored.ifPresent(cursor -> cursor.handledAfter().forEach((post, at) -> {
                if (!passed.contains(post) && !at.isBefore(newest.at())) {
                    handledAfter.put(post, at);
                }
            }));
            marks.handled.forEach(mark -> handledAfter.put(mark.post(), mark.at()));
            next = new ChannelCursor(newest.post(), newest.at(), handledAfter);
        }
        if (marks.waiting.isEmpty() && marks.handled.isEmpty() && !marks.held) {
            channels.remove(channel);
        }
        if (stored.isPresent() && stored.get().equals(next)) {
            return;
        }
        write(channel, next);
    }

    private void write(ChannelId channel, ChannelCursor cursor) {
        try {
            store.advanceCursor(channel, cursor);
        } catch (RuntimeException e) {
            // The next move tries again; a stop before it makes catch-up start a little earlier.
            LOG.log(System.Logger.Level.WARNING, "could not remember the last post handled in channel {0}: {1}",
                    channel, e.getMessage());
        }
    }

    private Optional<ChannelCursor> storedCursor(ChannelId channel) {
        try {
            return store.cursor(channel);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not read where channel {0} was left: {1}", channel,
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** Posts given to the inbox and not handled yet, and those handled above the oldest of them; oldest first. */
    private static final class Marks {
        final TreeSet<Mark> waiting = new TreeSet<>();
        final TreeSet<Mark> handled = new TreeSet<>();
        final Map<PostId, Mark> byPost = new HashMap<>();
        boolean held;
    }

    /**
     * A post's place in its channel: by creation time, as catch-up reads a channel, and posts of the same
     * millisecond in the order they reached the inbox.
     */
    private record Mark(Instant at, long received, PostId post) implements Comparable<Mark> {
        private static final Comparator<Mark> ORDER = Comparator.comparing(Mark::at)
                .thenComparingLong(Mark::received);

        @Override
        public int compareTo(Mark other) {
            return ORDER.compare(this, other);
        }
    }
}
