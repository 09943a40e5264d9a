package dev.ocbridge.core.port.out;

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

import java.util.List;
import java.util.Optional;

/**
 * The bridge's durable state: thread mappings, where chat catch-up resumes, the models and agents people
 * chose, the posts of the requests the agent waits on, and what chat shows of answers not completed yet. What the store holds in memory is authoritative:
 * every change is seen by the next read at once, and a change the store cannot write (disk full, read-only)
 * still holds while the store tries again, so that nobody undoes work the change describes. Other failures
 * (a closed store) are {@link dev.ocbridge.core.error.StateStoreException}s.
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

    /** What prompts to the session are sent with, as chosen from chat; empty when nothing was chosen. */
    Optional<PromptChoices> sessionChoices(SessionId session);

    /** Replaces the session's choices; {@link PromptChoices#NONE} removes them. */
    void saveSessionChoices(SessionId session, PromptChoices choices);

    /** What sessions the user starts from the main DM begin with; empty when nothing was chosen. */
    Optional<PromptChoices> mainDmChoices(UserId user);

    /** Replaces the user's main-DM choices; {@link PromptChoices#NONE} removes them. */
    void saveMainDmChoices(UserId user, PromptChoices choices);

    /** The posts of requests still waiting for an answer, in the order first saved. */
    List<RequestPost> requestPosts();

    Optional<RequestPost> requestPost(RequestKey key);

    /** Inserts or replaces the post of its request. */
    void saveRequestPost(RequestPost post);

    /** Forgets the post of an answered request; nothing happens when there is none. */
    void removeRequestPost(RequestKey key);

    /** The answers of runs not completed in chat yet, one per session. */
    List<DeliveredAnswer> deliveredAnswers();

    Optional<DeliveredAnswer> deliveredAnswer(SessionId session);

    /**
     * Inserts or replaces the record of its session. It may become durable a moment later, as a cursor move does:
     * it changes at every flush of an answer, and a record a moment old only makes the next process post again
     * what the last moment sent.
     */
    void saveDeliveredAnswer(DeliveredAnswer answer);

    /**
     * Forgets the session's record (its run was completed in chat, or said to be interrupted), durably when the
     * call returns, so that a restart does not say it again; nothing happens when there is none.
     */
    void removeDeliveredAnswer(SessionId session);

    /**
     * True while the store holds changes it could not write (its last write failed and it is trying again): a
     * restart now would lose them.
     */
    boolean writesFailing();
}
