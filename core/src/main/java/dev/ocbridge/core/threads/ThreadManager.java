package dev.ocbridge.core.threads;

import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.NewSession;
import dev.ocbridge.core.domain.PostId;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps exactly one thread per root session, without holding a lock across a chat or agent call: a call may
 * wait minutes on rate limits, and a lock held across it would hold up every other session's opening.
 *
 * <p>Instead every opening under way is registered as an {@link Opening} while it runs, and whoever must not
 * go ahead of it waits for that opening alone:
 * <ul>
 *   <li>an adoption (a session the server announced) waits for the creations from chat under way: the server
 *   announces a session created from chat while the creation call is still returning, before its mapping
 *   exists, and the creation registers itself before it calls, so the announcement always finds it;</li>
 *   <li>two adoptions of one session: the second waits for the first and takes its thread;</li>
 *   <li>a reply in a thread without a mapping waits for the openings whose root may be that thread: those
 *   still posting their root, and the one with that root whose mapping is being saved.</li>
 * </ul>
 * Openings of different sessions go on in parallel. {@code store} guards the read-modify-write of an existing
 * mapping (title, activity, end) and is held only around the store, never across a call to a server.
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
    private final Set<Opening> openings = ConcurrentHashMap.newKeySet();
    private final Map<SessionId, Opening> adoptions = new ConcurrentHashMap<>();
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

    /** The sessions whose thread was ended at or after {@code from} and before {@code to}. */
    public List<SessionId> endedBetween(Instant from, Instant to) {
        return mappings.mappings().stream()
                .filter(mapping -> mapping.ended().filter(end -> !end.isBefore(from) && end.isBefore(to)).isPresent())
                .map(ThreadMapping::sessionId)
                .toList();
    }

    /**
     * The mapping of the thread rooted at {@code root}. A thread's root is posted a moment before its mapping
     * is saved, and someone may reply in that moment: when nothing is found, the lookup waits for the openings
     * that may be opening this thread and looks again, so that reply still reaches its session.
     */
    public Optional<ThreadMapping> mappingOfThread(PostId root) {
        Optional<ThreadMapping> found = mappings.findByThreadRoot(root);
        if (found.isPresent()) {
            return found;
        }
        openings.stream().filter(opening -> opening.mayBeRootedAt(root)).forEach(Opening::awaitEnd);
        return mappings.findByThreadRoot(root);
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
        Optional<ThreadMapping> existing = mappings.findBySession(session.id());
        if (existing.isPresent()) {
            return existing;
        }
        openings.stream().filter(Opening::isCreation).forEach(Opening::awaitEnd);
        while (true) {
            existing = mappings.findBySession(session.id());
            if (existing.isPresent()) {
                return existing;
            }
            Opening mine = Opening.adoption();
            Opening other = adoptions.putIfAbsent(session.id(), mine);
            if (other != null) {
                // Whatever the other opener's outcome, the loop looks again: its thread, or a try of our own.
                other.awaitEnd();
                continue;
            }
            openings.add(mine);
            try {
                return Optional.of(openThread(session, user, dm, mine));
            } finally {
                openings.remove(mine);
                adoptions.remove(session.id(), mine);
                mine.end();
            }
        }
    }

    /**
     * Creates a session for a top-level post; the post becomes the thread root and the bot's first reply
     * is the session-started block. The session works in {@code directory}, or where the agent server works when
     * it is empty. Nothing is mapped when creation fails. Once the session is mapped the start has succeeded,
     * even if the started block cannot be posted.
     */
    public ThreadMapping startSessionFrom(ChatPost rootPost, Optional<String> directory) {
        ThreadRef thread = rootPost.thread();
        SessionInfo session;
        ThreadMapping mapping;
        Opening creation = Opening.creation(thread.root());
        openings.add(creation);
        try {
            session = sessions.createSession(NewSession.in(directory));
            mapping = ThreadMapping.start(session, thread, rootPost.authorId(), clock.instant());
            mappings.save(mapping);
        } finally {
            openings.remove(creation);
            creation.end();
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

    /** Called by the one adoption of the session under way. */
    private ThreadMapping openThread(SessionInfo session, UserId user, ChannelId dm, Opening opening) {
        ChatPost root = chat.createPost(NewPost.inChannel(dm, texts.sessionStarted(session)));
        opening.rootPosted(root.id());
        ThreadMapping mapping = ThreadMapping.start(session, root.thread(), user, clock.instant());
        try {
            mappings.save(mapping);
        } catch (BridgeException e) {
            removeUnmappedRoot(root, session.id(), e);
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "Opened thread {0} for session {1}", root.thread(), session.id());
        return mapping;
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

    /**
     * One opening under way, from its registration until its mapping is saved or it failed. The root is
     * unknown while an adoption is still posting it.
     */
    private static final class Opening {
        private final boolean creation;
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile PostId root;

        private Opening(boolean creation, PostId root) {
            this.creation = creation;
            this.root = root;
        }

        static Opening creation(PostId root) {
            return new Opening(true, root);
        }

        static Opening adoption() {
            return new Opening(false, null);
        }

        boolean isCreation() {
            return creation;
        }

        void rootPosted(PostId posted) {
            root = posted;
        }

        boolean mayBeRootedAt(PostId candidate) {
            PostId known = root;
            return known == null || known.equals(candidate);
        }

        void end() {
            ended.countDown();
        }

        /**
         * Waits without a bound: the opening's own calls have their time-outs. An interrupt ends the wait
         * early and is kept for the caller to see; the caller then looks at the store as it is.
         */
        void awaitEnd() {
            try {
                ended.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
