package dev.ocbridge.core.port.out;

import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadMapping;

import java.util.List;
import java.util.Optional;

/**
 * The bridge's durable state: thread mappings and where chat catch-up resumes. Every write is durable
 * when the call returns. Failures are {@link dev.ocbridge.core.error.StateStoreException}s.
 */
public interface MappingStore {

    List<ThreadMapping> mappings();

    Optional<ThreadMapping> findBySession(SessionId session);

    Optional<ThreadMapping> findByThreadRoot(PostId root);

    /** Inserts or replaces the mapping of its session. */
    void save(ThreadMapping mapping);

    Optional<ChannelCursor> cursor(ChannelId channel);

    /** Moves the cursor of a channel forward; an older cursor than the stored one is ignored. */
    void advanceCursor(ChannelId channel, ChannelCursor cursor);
}
