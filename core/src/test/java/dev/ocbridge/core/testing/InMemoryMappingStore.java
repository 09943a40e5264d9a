package dev.ocbridge.core.testing;

import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.DeliveredAnswer;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.PromptChoices;
import dev.ocbridge.core.domain.RequestKey;
import dev.ocbridge.core.domain.RequestPost;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.error.StateStoreException;
import dev.ocbridge.core.port.out.MappingStore;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The {@link MappingStore} fake for core tests: the same behaviour as the file store, kept in memory. */
public final class InMemoryMappingStore implements MappingStore {
    private final Map<SessionId, ThreadMapping> mappings = new LinkedHashMap<>();
    private final Map<ChannelId, ChannelCursor> cursors = new HashMap<>();
    private final Map<SessionId, PromptChoices> sessionChoices = new HashMap<>();
    private final Map<UserId, PromptChoices> mainDmChoices = new HashMap<>();
    private final Map<RequestKey, RequestPost> requestPosts = new LinkedHashMap<>();
    private final Map<SessionId, DeliveredAnswer> deliveredAnswers = new LinkedHashMap<>();
    private int failuresToInject;
    private int saves;
    private boolean writesFail;
    private int unwrittenChanges;
    private volatile Gate saveGate;

    /**
     * The next {@code count} saves are refused, as a store that is closed refuses them: they throw and hold
     * nothing. A disk that refuses writes is {@link #failWrites}.
     */
    public synchronized void failNextSaves(int count) {
        failuresToInject = count;
    }

    /**
     * While set, every change is held but counted as unwritten, as the file store does when its disk refuses
     * writes; once cleared, the next change writes them all.
     */
    public synchronized void failWrites(boolean failing) {
        writesFail = failing;
    }

    @Override
    public synchronized boolean writesFailing() {
        return unwrittenChanges > 0;
    }

    /** Changes held in memory that a disk would not have yet. */
    public synchronized int unwrittenChanges() {
        return unwrittenChanges;
    }

    /** From now on every save waits at {@code gate} before it stores anything, as a slow disk would. */
    public void holdSaves(Gate gate) {
        saveGate = gate;
    }

    /** How many saves succeeded: what the file store would have written. */
    public synchronized int saves() {
        return saves;
    }

    @Override
    public synchronized List<ThreadMapping> mappings() {
        return List.copyOf(mappings.values());
    }

    @Override
    public synchronized Optional<ThreadMapping> findBySession(SessionId session) {
        return Optional.ofNullable(mappings.get(Objects.requireNonNull(session, "session")));
    }

    @Override
    public synchronized Optional<ThreadMapping> findByThreadRoot(PostId root) {
        Objects.requireNonNull(root, "root");
        return mappings.values().stream().filter(mapping -> mapping.thread().root().equals(root)).findFirst();
    }

    @Override
    public void save(ThreadMapping mapping) {
        Gate gate = saveGate;
        if (gate != null) {
            gate.pass();
        }
        saveNow(mapping);
    }

    private synchronized void saveNow(ThreadMapping mapping) {
        failIfAsked();
        mappings.put(mapping.sessionId(), mapping);
        written();
    }

    private void written() {
        if (writesFail) {
            unwrittenChanges++;
        } else {
            unwrittenChanges = 0;
            saves++;
        }
    }

    @Override
    public synchronized Optional<ChannelCursor> cursor(ChannelId channel) {
        return Optional.ofNullable(cursors.get(Objects.requireNonNull(channel, "channel")));
    }

    @Override
    public synchronized void advanceCursor(ChannelId channel, ChannelCursor cursor) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(cursor, "cursor");
        ChannelCursor stored = cursors.get(channel);
        if (stored == null || !cursor.lastPostAt().isBefore(stored.lastPostAt())) {
            cursors.put(channel, cursor);
            if (writesFail) {
                unwrittenChanges++;
            }
        }
    }

    @Override
    public synchronized Optional<PromptChoices> sessionChoices(SessionId session) {
        return Optional.ofNullable(sessionChoices.get(Objects.requireNonNull(session, "session")));
    }

    @Override
    public synchronized void saveSessionChoices(SessionId session, PromptChoices choices) {
        saveChoices(sessionChoices, Objects.requireNonNull(session, "session"), choices);
    }

    @Override
    public synchronized Optional<PromptChoices> mainDmChoices(UserId user) {
        return Optional.ofNullable(mainDmChoices.get(Objects.requireNonNull(user, "user")));
    }

    @Override
    public synchronized void saveMainDmChoices(UserId user, PromptChoices choices) {
        saveChoices(mainDmChoices, Objects.requireNonNull(user, "user"), choices);
    }

    private <K> void saveChoices(Map<K, PromptChoices> all, K key, PromptChoices choices) {
        Objects.requireNonNull(choices, "choices");
        failIfAsked();
        if (choices.equals(all.getOrDefault(key, PromptChoices.NONE))) {
            return;
        }
        if (choices.isEmpty()) {
            all.remove(key);
        } else {
            all.put(key, choices);
        }
        written();
    }

    @Override
    public synchronized List<RequestPost> requestPosts() {
        return List.copyOf(requestPosts.values());
    }

    @Override
    public synchronized Optional<RequestPost> requestPost(RequestKey key) {
        return Optional.ofNullable(requestPosts.get(Objects.requireNonNull(key, "key")));
    }

    @Override
    public synchronized void saveRequestPost(RequestPost post) {
        Objects.requireNonNull(post, "post");
        failIfAsked();
        if (post.equals(requestPosts.put(post.key(), post))) {
            return;
        }
        written();
    }

    @Override
    public synchronized void removeRequestPost(RequestKey key) {
        if (requestPosts.remove(Objects.requireNonNull(key, "key")) != null) {
            written();
        }
    }

    @Override
    public synchronized List<DeliveredAnswer> deliveredAnswers() {
        return List.copyOf(deliveredAnswers.values());
    }

    @Override
    public synchronized Optional<DeliveredAnswer> deliveredAnswer(SessionId session) {
        return Optional.ofNullable(deliveredAnswers.get(Objects.requireNonNull(session, "session")));
    }

    @Override
    public synchronized void saveDeliveredAnswer(DeliveredAnswer answer) {
        Objects.requireNonNull(answer, "answer");
        if (!answer.equals(deliveredAnswers.put(answer.session(), answer))) {
            written();
        }
    }

    @Override
    public synchronized void removeDeliveredAnswer(SessionId session) {
        if (deliveredAnswers.remove(Objects.requireNonNull(session, "session")) != null) {
            written();
        }
    }

    private void failIfAsked() {
        if (failuresToInject > 0) {
            failuresToInject--;
            throw new StateStoreException("could not write the state (injected)");
        }
    }
}
