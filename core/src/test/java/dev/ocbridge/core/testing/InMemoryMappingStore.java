package dev.ocbridge.core.testing;

import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadMapping;
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
        if (failuresToInject > 0) {
            failuresToInject--;
            throw new StateStoreException("could not write the state (injected)");
        }
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
}
