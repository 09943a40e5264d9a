package dev.ocbridge.adapter.persistence;

import dev.ocbridge.core.domain.Backoff;
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
import dev.ocbridge.core.port.out.SchedulerPort;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.UnaryOperator;

/**
 * {@link MappingStore} as one versioned JSON document, owned by one process at a time through a lock file
 * beside it. The state in memory is authoritative; the file follows it:
 * <ul>
 *   <li>a new mapping, and a change of a mapping's thread, user or status, is written (and fsynced) before
 *   {@link #save} returns, so a thread is durable before anyone relies on it; so are chosen models and agents
 *   and the link of a request to its post;</li>
 *   <li>cursor moves, and changes of a mapping's title or activity alone, are batched: at most one write per
 *   {@link #BATCH_INTERVAL}, on the writer, never on the caller's thread;</li>
 *   <li>a write that fails (disk full, read-only directory) changes nothing in memory and throws nothing: it is
 *   logged and tried again with {@link #WRITE_RETRY}, so a failing disk neither replays posts once it is back nor
 *   makes a caller undo a thread whose mapping it could not write;</li>
 *   <li>{@link #close} writes what is still pending.</li>
 * </ul>
 * A file that cannot be read is kept aside and reported, and the store starts empty; one with invalid entries is
 * copied aside once and written again without them; a file from a newer bridge is refused untouched. Mappings that
 * ended longer ago than the configured time are left out, with their sessions' chosen model and agent and request
 * posts.
 */
public final class JsonFileMappingStore implements MappingStore, AutoCloseable {
    /** The shortest time between two writes of batched changes. */
    static final Duration BATCH_INTERVAL = Duration.ofSeconds(1);
    /** Waits between attempts at a state file that refuses writes, for as long as the bridge runs. */
    static final Backoff WRITE_RETRY = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1),
            Integer.MAX_VALUE);
    /** How many of the invalid entries the recovery notice names; the log names them all. */
    static final int NOTICE_EXAMPLES = 3;
    private static final System.Logger LOG = System.getLogger(JsonFileMappingStore.class.getName());

    private final StateFile file;
    private final StateFileLock lock;
    private final StateFileCodec codec;
    private final Clock clock;
    private final SchedulerPort scheduler;
    private final Executor writer;
    private final Duration keepEnded;
    private final String recoveryNotice;
    /** Held while a snapshot of the state is encoded and written, so writes never overtake each other. */
    private final Object writing = new Object();

    private StoredState state;
    /** Changes made in memory, and how many of them the file holds. */
    private long changes;
    private long changesWritten;
    private Instant lastWriteAttempt;
    private int failedWrites;
    private Instant unwrittenSince;
    private SchedulerPort.Cancellable scheduledWrite;
    private boolean closed;
    private int writes;

    private JsonFileMappingStore(StateFile file, StateFileLock lock, StateFileCodec codec, Options options,
                                 StoredState loaded, String recoveryNotice) {
        this.file = file;
        this.lock = lock;
        this.codec = codec;
        this.clock = options.clock();
        this.scheduler = options.scheduler();
        this.writer = options.writer();
        this.keepEnded = options.keepEnded();
        this.recoveryNotice = recoveryNotice;
        this.state = loaded;
    }

    /**
     * What the store needs besides its file: the clock that stamps the document, names a kept-aside copy and
     * ages ended mappings; the scheduler that times batched writes and retries; the executor that runs them; and
     * how long an ended mapping is kept.
     */
    public record Options(Clock clock, SchedulerPort scheduler, Executor writer, Duration keepEnded) {
        public Options {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(scheduler, "scheduler");
            Objects.requireNonNull(writer, "writer");
            if (keepEnded == null || keepEnded.isNegative()) {
                throw new IllegalArgumentException("keepEnded must be zero or more, not " + keepEnded);
            }
        }
    }

    /** {@code ~/.config/opencode/mattermost-threads.json}, the file the OpenCode plugin used as well. */
    public static Path defaultPath() {
        return Path.of(System.getProperty("user.home"), ".config", "opencode", "mattermost-threads.json");
    }

    /**
     * Takes ownership of the state file and loads it; creates the directory when missing.
     *
     * @throws StateStoreException when another bridge owns the file, the file comes from a newer bridge, or
     *                             the file system fails
     */
    public static JsonFileMappingStore open(Path path, Options options) {
        StateFile file = new StateFile(Objects.requireNonNull(path, "path"));
        Objects.requireNonNull(options, "options");
        try {
            file.createDirectory();
        } catch (IOException e) {
            throw new StateStoreException("Cannot create the directory of the state file " + file.path() + ": "
                    + e.getMessage(), e);
        }
        StateFileLock lock = StateFileLock.acquire(file.path());
        try {
            return load(file, lock, options);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static JsonFileMappingStore load(StateFile file, StateFileLock lock, Options options) {
        StateFileCodec codec = new StateFileCodec();
        Instant now = options.clock().instant();
        try {
            file.removeStaleTemporaryFiles();
            file.restrictToOwner();
            Optional<byte[]> content = file.read();
            if (content.isEmpty()) {
                return new JsonFileMappingStore(file, lock, codec, options, StoredState.EMPTY, null);
            }
            StateFileCodec.Reading reading = codec.decode(content.get());
            if (reading instanceof StateFileCodec.TooNew tooNew) {
                throw new StateStoreException("The state file " + file.path() + " was written by a newer bridge"
                        + " (format version " + tooNew.version() + "; this one reads up to " + StateWire.VERSION
                        + "). It was left untouched: upgrade the bridge, or move the file away to start afresh.");
            }
            if (reading instanceof StateFileCodec.Unreadable unreadable) {
                Path aside = file.keepAside(now, false);
                String notice = "The state file " + file.path() + " could not be read (" + unreadable.reason()
                        + "). It was kept as " + aside + " and the bridge started with no thread mappings.";
                LOG.log(System.Logger.Level.ERROR, notice);
                return new JsonFileMappingStore(file, lock, codec, options, StoredState.EMPTY, notice);
            }
            StateFileCodec.Readable readable = (StateFileCodec.Readable) reading;
            StoredState loaded = withoutExpired(readable.state(), now.minus(options.keepEnded()), file);
            if (readable.skippedEntries().isEmpty()) {
                return new JsonFileMappingStore(file, lock, codec, options, loaded, null);
            }
            Path aside = file.keepAside(now, true);
            LOG.log(System.Logger.Level.ERROR, "The state file {0} had {1} invalid entries, left out: {2}. The "
                    + "original was kept as {3}.", file.path(), readable.skippedEntries().size(),
                    String.join("; ", readable.skippedEntries()), aside);
            JsonFileMappingStore store = new JsonFileMappingStore(file, lock, codec, options, loaded,
                    invalidEntriesNotice(file.path(), readable.skippedEntries(), aside));
            store.repair();
            return store;
        } catch (IOException e) {
            throw new StateStoreException("Cannot read the state file " + file.path() + ": " + e.getMessage(), e);
        }
    }

    /** Short enough for one chat post however many entries were bad: the count, a few of them, the rest logged. */
    private static String invalidEntriesNotice(Path path, List<String> skipped, Path aside) {
        List<String> examples = skipped.subList(0, Math.min(NOTICE_EXAMPLES, skipped.size()));
        String more = skipped.size() > examples.size()
                ? " and " + (skipped.size() - examples.size()) + " more (all of them are in the log)"
                : "";
        return "The state file " + path + " had " + skipped.size() + " invalid entries, left out: "
                + String.join("; ", examples) + more + ". The original was kept as " + aside
                + " and the file was written again without them.";
    }

    private static StoredState withoutExpired(StoredState loaded, Instant cutoff, StateFile file) {
        StoredState kept = loaded.withoutMappingsEndedBefore(cutoff);
        int pruned = loaded.mappings().size() - kept.mappings().size();
        if (pruned > 0) {
            LOG.log(System.Logger.Level.INFO, "Left out {0} thread mapping(s) of {1} that ended before {2}", pruned,
                    file.path(), cutoff);
        }
        return kept;
    }

    /** Writes the file again without its invalid entries, so the next start does not find them again. */
    private void repair() {
        synchronized (this) {
            changed(state);
        }
        writeNow();
    }

    public Path path() {
        return file.path();
    }

    /** Set when the file could not be used as it was: what happened and where the original copy is. */
    public Optional<String> recoveryNotice() {
        return Optional.ofNullable(recoveryNotice);
    }

    @Override
    public synchronized List<ThreadMapping> mappings() {
        requireOpen();
        return state.mappings();
    }

    @Override
    public synchronized Optional<ThreadMapping> findBySession(SessionId session) {
        Objects.requireNonNull(session, "session");
        requireOpen();
        return state.mappingOf(session);
    }

    @Override
    public synchronized Optional<ThreadMapping> findByThreadRoot(PostId root) {
        Objects.requireNonNull(root, "root");
        requireOpen();
        return state.mappings().stream().filter(mapping -> mapping.thread().root().equals(root)).findFirst();
    }

    /**
     * Holds the mapping at once. A new mapping, a new thread or a change of status is written before the call
     * returns; a change of title or activity alone is batched like a cursor move. A failed write is logged and
     * retried later; the mapping holds in memory meanwhile, and the call does not throw.
     */
    @Override
    public void save(ThreadMapping mapping) {
        Objects.requireNonNull(mapping, "mapping");
        synchronized (this) {
            requireOpen();
            Optional<ThreadMapping> stored = state.mappingOf(mapping.sessionId());
            if (stored.filter(mapping::equals).isPresent()) {
                return;
            }
            changed(state.withMapping(mapping).withoutMappingsEndedBefore(clock.instant().minus(keepEnded)));
            if (stored.filter(old -> sameThreadAndStatus(old, mapping)).isPresent()) {
                writeSoon();
                return;
            }
        }
        writeNow();
    }

    /** What a reply in the thread and the start's reconciliation rely on; title and activity are bookkeeping. */
    private static boolean sameThreadAndStatus(ThreadMapping a, ThreadMapping b) {
        return a.thread().equals(b.thread()) && a.status() == b.status() && Objects.equals(a.endedAt(), b.endedAt())
                && a.userId().equals(b.userId());
    }

    @Override
    public synchronized Optional<ChannelCursor> cursor(ChannelId channel) {
        Objects.requireNonNull(channel, "channel");
        requireOpen();
        return Optional.ofNullable(state.cursors().get(channel));
    }

    /** Moves the cursor in memory at once; the file follows within {@link #BATCH_INTERVAL}. */
    @Override
    public synchronized void advanceCursor(ChannelId channel, ChannelCursor cursor) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(cursor, "cursor");
        requireOpen();
        ChannelCursor stored = state.cursors().get(channel);
        boolean forward = stored == null || !cursor.equals(stored) && !cursor.lastPostAt().isBefore(stored.lastPostAt());
        if (forward) {
            changed(state.withCursor(channel, cursor));
            writeSoon();
        }
    }

    @Override
    public synchronized Optional<PromptChoices> sessionChoices(SessionId session) {
        Objects.requireNonNull(session, "session");
        requireOpen();
        return Optional.ofNullable(state.sessionChoices().get(session));
    }

    /** Written before the call returns, as a new mapping is; choosing what is chosen already writes nothing. */
    @Override
    public void saveSessionChoices(SessionId session, PromptChoices choices) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(choices, "choices");
        changeAndWrite(before -> choices.equals(before.sessionChoices().getOrDefault(session, PromptChoices.NONE))
                ? before : before.withSessionChoices(session, choices));
    }

    @Override
    public synchronized Optional<PromptChoices> mainDmChoices(UserId user) {
        Objects.requireNonNull(user, "user");
        requireOpen();
        return Optional.ofNullable(state.mainDmChoices().get(user));
    }

    @Override
    public void saveMainDmChoices(UserId user, PromptChoices choices) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(choices, "choices");
        changeAndWrite(before -> choices.equals(before.mainDmChoices().getOrDefault(user, PromptChoices.NONE))
                ? before : before.withMainDmChoices(user, choices));
    }

    @Override
    public synchronized List<RequestPost> requestPosts() {
        requireOpen();
        return state.requestPosts();
    }

    @Override
    public synchronized Optional<RequestPost> requestPost(RequestKey key) {
        Objects.requireNonNull(key, "key");
        requireOpen();
        return state.requestPostOf(key);
    }

    /** Written before the call returns: the link of a request to its post must outlive a crash right after. */
    @Override
    public void saveRequestPost(RequestPost post) {
        Objects.requireNonNull(post, "post");
        changeAndWrite(before -> before.requestPostOf(post.key()).filter(post::equals).isPresent()
                ? before : before.withRequestPost(post));
    }

    @Override
    public void removeRequestPost(RequestKey key) {
        Objects.requireNonNull(key, "key");
        changeAndWrite(before -> before.requestPostOf(key).isPresent() ? before.withoutRequestPost(key) : before);
    }

    @Override
    public synchronized List<DeliveredAnswer> deliveredAnswers() {
        requireOpen();
        return List.copyOf(state.deliveredAnswers().values());
    }

    @Override
    public synchronized Optional<DeliveredAnswer> deliveredAnswer(SessionId session) {
        Objects.requireNonNull(session, "session");
        requireOpen();
        return Optional.ofNullable(state.deliveredAnswers().get(session));
    }

    /** Held in memory at once; the file follows within {@link #BATCH_INTERVAL}, as for a cursor move. */
    @Override
    public synchronized void saveDeliveredAnswer(DeliveredAnswer answer) {
        Objects.requireNonNull(answer, "answer");
        requireOpen();
        if (!answer.equals(state.deliveredAnswers().get(answer.session()))) {
            changed(state.withDeliveredAnswer(answer.session(), answer));
            writeSoon();
        }
    }

    @Override
    public void removeDeliveredAnswer(SessionId session) {
        Objects.requireNonNull(session, "session");
        changeAndWrite(before -> before.deliveredAnswers().containsKey(session)
                ? before.withDeliveredAnswer(session, null) : before);
    }

    /**
     * Holds the change at once and writes it before returning; {@code change} returns the state it was given
     * when there is nothing to change. A failed write is retried later, as for a mapping.
     */
    private void changeAndWrite(UnaryOperator<StoredState> change) {
        synchronized (this) {
            requireOpen();
            StoredState next = change.apply(state);
            if (next == state) {
                return;
            }
            changed(next);
        }
        writeNow();
    }

    /** How many times the file was written since it was opened. */
    public synchronized int writes() {
        return writes;
    }

    @Override
    public synchronized boolean writesFailing() {
        return failedWrites > 0;
    }

    /** Since when the memory holds changes that the file does not, because writing it failed; empty when none. */
    public synchronized Optional<Instant> unwrittenSince() {
        return failedWrites == 0 ? Optional.empty() : Optional.ofNullable(unwrittenSince);
    }

    /** Writes what is still pending and releases the file for another bridge. Further use of this store fails. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (scheduledWrite != null) {
                scheduledWrite.cancel();
                scheduledWrite = null;
            }
        }
        if (!writeNow()) {
            LOG.log(System.Logger.Level.ERROR, "Stopped without writing the state file {0}: the changes since {1} "
                    + "(thread mappings and where chat catch-up resumes) are lost, and posts since then may be "
                    + "handled again at the next start", file.path(), unwrittenSince);
        }
        lock.close();
    }

    private void changed(StoredState next) {
        if (changes == changesWritten) {
            unwrittenSince = clock.instant();
        }
        state = next;
        changes++;
    }

    /** At most one write per {@link #BATCH_INTERVAL}; while writes fail, the retry already scheduled. */
    private void writeSoon() {
        if (scheduledWrite == null) {
            scheduleWrite(untilNextBatchedWrite());
        }
    }

    private Duration untilNextBatchedWrite() {
        if (lastWriteAttempt == null) {
            return Duration.ZERO;
        }
        Duration wait = Duration.between(clock.instant(), lastWriteAttempt.plus(BATCH_INTERVAL));
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private void scheduleWrite(Duration delay) {
        scheduledWrite = scheduler.schedule(delay, () -> {
            try {
                writer.execute(this::scheduledWriteDue);
            } catch (RejectedExecutionException e) {
                // The bridge is stopping; close() writes what is pending.
                LOG.log(System.Logger.Level.DEBUG, "State file write not run, stopping: {0}", e.getMessage());
            }
        });
    }

    private void scheduledWriteDue() {
        synchronized (this) {
            scheduledWrite = null;
            if (closed) {
                return;
            }
        }
        writeNow();
    }

    /** Writes the newest state unless the file holds it already; true when the file holds it on return. */
    private boolean writeNow() {
        synchronized (writing) {
            StoredState snapshot;
            long upTo;
            synchronized (this) {
                if (changesWritten == changes) {
                    return true;
                }
                snapshot = state;
                upTo = changes;
                lastWriteAttempt = clock.instant();
            }
            try {
                file.replace(codec.encode(snapshot, clock.instant()));
            } catch (IOException | RuntimeException e) {
                writeFailed(e);
                return false;
            }
            writeSucceeded(upTo);
            return true;
        }
    }

    private synchronized void writeSucceeded(long upTo) {
        writes++;
        changesWritten = upTo;
        if (failedWrites > 0) {
            LOG.log(System.Logger.Level.INFO, "The state file {0} is written again, after {1} failed attempt(s)",
                    file.path(), failedWrites);
            failedWrites = 0;
        }
        if (scheduledWrite != null) {
            scheduledWrite.cancel();
            scheduledWrite = null;
        }
        if (changes != changesWritten) {
            unwrittenSince = clock.instant();
            if (!closed) {
                scheduleWrite(BATCH_INTERVAL);
            }
        }
    }

    private synchronized void writeFailed(Exception e) {
        failedWrites++;
        Duration retryIn = WRITE_RETRY.delayAfter(failedWrites).orElse(WRITE_RETRY.longest());
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (closed) {
            return;
        }
        if (failedWrites == 1) {
            LOG.log(System.Logger.Level.ERROR, "Cannot write the state file {0} ({1}). The bridge goes on with its "
                    + "state in memory and tries again in {2} s; until a write succeeds, a restart forgets the "
                    + "changes since {3}", file.path(), reason, retryIn.toSeconds(), unwrittenSince);
        } else {
            LOG.log(System.Logger.Level.WARNING, "Still cannot write the state file {0} ({1}), attempt {2}; trying "
                    + "again in {3} s", file.path(), reason, failedWrites, retryIn.toSeconds());
        }
        if (scheduledWrite != null) {
            scheduledWrite.cancel();
        }
        scheduleWrite(retryIn);
    }

    private void requireOpen() {
        if (closed) {
            throw new StateStoreException("The state store for " + file.path() + " is closed");
        }
    }
}
