package dev.ocbridge.app.bench;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the emulated Mattermost server stored, and when (by System.nanoTime), as the benchmark needs it: the bot's
 * thread roots, and for each thread being measured, when the person's prompt was posted, when the first text of
 * the answer became visible, and when the whole answer was there. Fed by the emulator's post watcher, on the
 * server's threads.
 */
final class ChatTimeline implements Consumer<EmulatedPost> {

    /** One thread whose answer is awaited. */
    private static final class Watched {
        final String firstChunk;
        final String answer;
        final Map<String, EmulatedPost> botReplies = new ConcurrentHashMap<>();
        volatile Long postedAt;
        volatile Long visibleAt;
        volatile Long completeAt;

        Watched(String firstChunk, String answer) {
            this.firstChunk = firstChunk;
            this.answer = answer;
        }

        synchronized void botChanged(EmulatedPost post, long now) {
            botReplies.put(post.id(), post);
            String text = String.join("", botReplies.values().stream()
                    .filter(reply -> !reply.deleted())
                    .sorted(Comparator.comparingLong(EmulatedPost::createAt))
                    .map(EmulatedPost::message)
                    .toList());
            if (visibleAt == null && text.contains(firstChunk)) {
                visibleAt = now;
            }
            if (completeAt == null && text.contains(answer)) {
                completeAt = now;
            }
        }
    }

    private final String botId;
    private final Map<String, EmulatedPost> botRoots = new ConcurrentHashMap<>();
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();

    ChatTimeline(String botId) {
        this.botId = botId;
    }

    /** From now on, times what happens in the thread: the answer awaited starts with {@code firstChunk}. */
    void watch(String rootId, String firstChunk, String answer) {
        watched.put(rootId, new Watched(firstChunk, answer));
    }

    @Override
    public void accept(EmulatedPost post) {
        long now = System.nanoTime();
        boolean byBot = post.userId().equals(botId);
        if (post.rootId().isEmpty()) {
            if (byBot) {
                botRoots.put(post.id(), post);
            }
            return;
        }
        Watched thread = watched.get(post.rootId());
        if (thread == null) {
            return;
        }
        if (byBot) {
            thread.botChanged(post, now);
        } else if (thread.postedAt == null) {
            thread.postedAt = now;
        }
    }

    /** The bot's thread roots as last stored, in no particular order. */
    List<EmulatedPost> botRoots() {
        return List.copyOf(botRoots.values());
    }

    Optional<Long> postedAt(String rootId) {
        return time(rootId, watched -> watched.postedAt);
    }

    Optional<Long> visibleAt(String rootId) {
        return time(rootId, watched -> watched.visibleAt);
    }

    Optional<Long> completeAt(String rootId) {
        return time(rootId, watched -> watched.completeAt);
    }

    private Optional<Long> time(String rootId, Function<Watched, Long> field) {
        return Optional.ofNullable(watched.get(rootId)).map(field);
    }
}
