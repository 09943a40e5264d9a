package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.PostId;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Coalesces edits of one post: while an edit is being sent, later edits wait, and only the newest waiting text is
 * sent next. A caller whose text was overtaken returns once a newer text is stored, with that post.
 */
final class EditCoalescer {

    private static final class Slot {
        final ReentrantLock sending = new ReentrantLock();
        int users;
        long newestVersion;
        String newestText;
        long storedVersion;
        ChatPost stored;
    }

    private final Map<PostId, Slot> slots = new HashMap<>();

    /** Callers editing the post right now, the one sending included. */
    int editsInProgress(PostId post) {
        synchronized (slots) {
            Slot slot = slots.get(post);
            return slot == null ? 0 : slot.users;
        }
    }

    ChatPost edit(PostId post, String text, Function<String, ChatPost> send) {
        Slot slot;
        long version;
        synchronized (slots) {
            slot = enter(post);
            version = ++slot.newestVersion;
            slot.newestText = text;
        }
        try {
            slot.sending.lock();
            try {
                String newest;
                long newestVersion;
                synchronized (slots) {
                    if (slot.storedVersion >= version) {
                        return slot.stored;
                    }
                    newest = slot.newestText;
                    newestVersion = slot.newestVersion;
                }
                ChatPost stored = send.apply(newest);
                synchronized (slots) {
                    slot.storedVersion = newestVersion;
                    slot.stored = stored;
                }
                return stored;
            } finally {
                slot.sending.unlock();
            }
        } finally {
            leave(post, slot);
        }
    }

    /**
     * Sends a text decided only once no other edit of the post is being sent: {@code text} is asked then, and
     * nothing is sent if it has none. Edits waiting meanwhile are still sent afterwards.
     */
    Optional<ChatPost> sendAlone(PostId post, Supplier<Optional<String>> text, Function<String, ChatPost> send) {
        Slot slot;
        synchronized (slots) {
            slot = enter(post);
        }
        try {
            slot.sending.lock();
            try {
                return text.get().map(send);
            } finally {
                slot.sending.unlock();
            }
        } finally {
            leave(post, slot);
        }
    }

    private Slot enter(PostId post) {
        Slot slot = slots.computeIfAbsent(post, id -> new Slot());
        slot.users++;
        return slot;
    }

    private void leave(PostId post, Slot slot) {
        synchronized (slots) {
            if (--slot.users == 0) {
                slots.remove(post);
            }
        }
    }
}
