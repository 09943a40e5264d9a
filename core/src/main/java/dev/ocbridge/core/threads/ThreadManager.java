package dev.ocbridge.core.threads;

import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.NewSession;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.ThreadRef;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.MappingStore;
import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.texts.BridgeTexts;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps exactly one thread per root session.
 *
 * <p>Two locks, taken in this order and never the other way round:
 * <ul>
 *   <li>{@code opening} makes opening a thread exclusive: creating a session from chat and adopting a session
 *   the server announced. The server announces a session created from chat while the creation call is still
 *   returning, before its mapping exists; only this exclusion keeps the adoption from opening a second
 *   thread. It is held across server calls on purpose, so only openings wait for a slow one.</li>
 *   <li>{@code store} guards the read-modify-write of an existing mapping (title, activity, end). It is never
 *   held across a server call, so the bookkeeping of every session goes on while another one is slow.</li>
 * </ul>
 * New mappings are saved under {@code opening} alone: nothing else inserts, and updates leave a mapping that
 * does not exist yet alone.
 */
public final class ThreadManager {
    private static final System.Logger LOG = System.getLogger(ThreadManager.class.getName());
    /** Finer than anyone reads "last activity", coarse enough to spare the state file. */
    private static final Duration ACTIVITY_STEP = Duration.ofMinutes(1);

    private final ChatPort chat;
    private final SessionPort sessions;
    private final MappingStore mappings;
    private final BridgeTexts texts;
    private final Clock clock;
    private final Object opening = new Object();
    private final Object store = new Object();

    public ThreadManager(ChatPort chat, SessionPort sessions, MappingStore mappings, BridgeTexts texts,
                         Clock clock) {
        this.chat = chat;
        this.sessions = sessions;
        this.mappings = mappings;
        this.texts = texts;
        this.clock = clock;
    }

    public Optional<ThreadMapping> mappingOf(SessionId session) {
        return mappings.findBySession(session);
    }

    /**
     * Opens a thread for a root session in {@code dm} unless the session already has one (active or
     * ended). Child sessions never get a thread. When the mapping cannot be saved, the new root post is
     * removed again and the failure thrown: a later event or reconcile opens the thread afresh.
     */
    public Optional<ThreadMapping> ensureThread(SessionInfo session, UserId user, ChannelId dm) {
        if (!session.isRoot()) {
            return Optional.empty();
        }
        synchronized (opening) {
            Optional<ThreadMapping> existing = mappings.findBySession(session.id());
            if (existing.isPresent()) {
                return existing;
            }
            ChatPost root = chat.createPost(NewPost.inChannel(dm, texts.sessionStarted(session)));
            ThreadMapping mapping = ThreadMapping.start(session, root.thread(), user, clock.instant());
            try {
                mappings.save(mapping);
            } catch (BridgeException e) {
                removeUnmappedRoot(root, session.id(), e);
                throw e;
            }
            LOG.log(System.Logger.Level.INFO, "Opened thread {0} for session {1}", root.thread(), session.id());
            return Optional.of(mapping);
        }
    }

    /**
     * Creates a session for a top-level post; the post becomes the thread root and the bot's first reply
     * is the session-started block. Nothing is mapped when creation fails. Once the session is mapped the
     * start has succeeded, even if the started block cannot be posted.
     */
    public ThreadMapping startSessionFrom(ChatPost rootPost, String directory) {
        ThreadRef thread = rootPost.thread();
        SessionInfo session;
        ThreadMapping mapping;
        synchronized (opening) {
            session = sessions.createSession(new NewSession(null, directory));
            mapping = ThreadMapping.start(session, thread, rootPost.authorId(), clock.instant());
            mappings.save(mapping);
        }
        try {
            chat.createPost(NewPost.inThread(thread, texts.sessionStarted(session)));
        } catch (BridgeException e) {
            // The person's post is the root, so the thread works without the block; failing the start
            // here would tell them to try again and make a retry create a second session.
            LOG.log(System.Logger.Level.WARNING, "Session {0} started in thread {1}, but its started block "
                    + "could not be posted: {2}", session.id(), thread, e.getMessage());
        }
        LOG.log(System.Logger.Level.INFO, "Started session {0} in thread {1}", session.id(), thread);
        return mapping;
    }

    /**
     * Records the newest title and activity the server reports, so that work in another client counts
     * when the most recent session is chosen. The server reports every step of a run; a move of the
     * activity alone is saved only once it reaches {@link #ACTIVITY_STEP}, so the state file is not
     * rewritten per event.
     */
    public void refresh(SessionInfo session) {
        synchronized (store) {
            mappings.findBySession(session.id()).ifPresent(mapping -> {
                boolean titleChanged = !mapping.sessionTitle().equals(session.title());
                boolean activityMoved = mapping.isActive()
                        && !session.updatedAt().isBefore(mapping.lastActivityAt().plus(ACTIVITY_STEP));
                if (!titleChanged && !activityMoved) {
                    return;
                }
                ThreadMapping refreshed = mapping.titled(session.title());
                if (mapping.isActive() && session.updatedAt().isAfter(mapping.lastActivityAt())) {
                    refreshed = refreshed.touchedAt(session.updatedAt());
                }
                mappings.save(refreshed);
            });
        }
    }

    public void touch(SessionId session) {
        synchronized (store) {
            mappings.findBySession(session)
                    .filter(ThreadMapping::isActive)
                    .ifPresent(mapping -> mappings.save(mapping.touchedAt(clock.instant())));
        }
    }

    /**
     * Marks the session's thread ended and says so in it, once: only the call that changes the status
     * posts, and it posts after letting go of the lock.
     */
    public void endThread(SessionId session) {
        ThreadMapping active;
        ThreadMapping ended;
        synchronized (store) {
            Optional<ThreadMapping> found = mappings.findBySession(session).filter(ThreadMapping::isActive);
            if (found.isEmpty()) {
                return;
            }
            active = found.get();
            ended = active.endedAt(clock.instant());
            mappings.save(ended);
        }
        chat.createPost(NewPost.inThread(ended.thread(), texts.sessionEnded(active, ended.endedAt())));
        LOG.log(System.Logger.Level.INFO, "Session {0} ended; thread {1} closed", session, ended.thread());
    }

    /** A root post without a mapping is a thread whose replies reach no session; it must not stay behind. */
    private void removeUnmappedRoot(ChatPost root, SessionId session, BridgeException saveFailure) {
        LOG.log(System.Logger.Level.ERROR, "Could not save the mapping of session {0} ({1}); removing its "
                + "new thread root {2}", session, saveFailure.getMessage(), root.id());
        try {
            chat.deletePost(root.id());
        } catch (BridgeException e) {
            LOG.log(System.Logger.Level.ERROR, "Could not remove post {0}, which stays as a thread that reaches "
                    + "no session; delete it by hand: {1}", root.id(), e.getMessage());
        }
    }
}
