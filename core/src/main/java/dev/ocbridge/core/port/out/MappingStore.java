package dev.ocbridge.core.port.out;

import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadMapping;

import java.util.List;
import java.util.Optional;

/**
 * The bridge's durable state: thread mappings and where chat catch-up resumes. What the store holds in memory
 * is authoritative: every change is seen by the next read at once, and a change the store cannot write (disk
 * full, read-only) still holds while the store tries again, so that nobody undoes work the change describes.
 * Other failures (a closed store) are {@link dev.ocbridge.core.error.StateStoreException}s.
 */
public interface MappingStore {

    List<ThreadMapping> mappings();

    Optional<ThreadMapping> findBySession(SessionId session);

    Optional<ThreadMapping> findByThreadRoot(PostId root);

    /**
     * Inserts or replaces the mapping of its session. A new mapping, or a change of its thread, user or status,
     * is durable when the call returns, unless the store could not write it; then the mapping holds all the same,
     * the store writes it later, and the call does not throw. A change of title or activity alone may become
     * durable a moment later, as a cursor move does.
     */
    void save(ThreadMapping mapping);

    Optional<ChannelCursor> cursor(ChannelId channel);

    /**
     * Moves the cursor of a channel forward; an older cursor than the stored one is ignored. The move may
     * become durable a moment later (stores batch these writes); a clean stop of the store writes it.
     */
    void advanceCursor(ChannelId channel, ChannelCursor cursor);

    /**
     * True while the store holds changes it could not write (its last write failed and it is trying again): a
     * restart now would lose them.
     */
    boolean writesFailing();
}
