package dev.ocbridge.adapter.persistence;

import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.PromptChoices;
import dev.ocbridge.core.domain.RequestKey;
import dev.ocbridge.core.domain.RequestPost;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.error.StateStoreException;
import dev.ocbridge.core.port.out.MappingStore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link MappingStore} as one versioned JSON document, owned by one process at a time through a lock file
 * beside it. State is held in memory and every change is written through before the call returns. A file
 * that cannot be read is kept aside and reported, and the store starts empty; a file from a newer bridge
 * is refused untouched.
 */
public final class JsonFileMappingStore implements MappingStore, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JsonFileMappingStore.class.getName());

    private final StateFile file;
    private final StateFileLock lock;
    private final StateFileCodec codec;
    private final Clock clock;
    private final String recoveryNotice;

    private StoredState state;
    private boolean closed;

    private JsonFileMappingStore(StateFile file, StateFileLock lock, StateFileCodec codec, Clock clock,
                                 StoredState loaded, String recoveryNotice) {
        this.file = file;
        this.lock = lock;
        this.codec = codec;
        this.clock = clock;
        this.recoveryNotice = recoveryNotice;
        this.state = loaded;
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
    public static JsonFileMappingStore open(Path path) {
        return open(path, Clock.systemUTC());
    }

    /** As {@link #open(Path)}, with the clock that stamps the document and names a kept-aside copy. */
    public static JsonFileMappingStore open(Path path, Clock clock) {
        StateFile file = new StateFile(Objects.requireNonNull(path, "path"));
        try {
            file.createDirectory();
        } catch (IOException e) {
            throw new StateStoreException("Cannot create the directory of the state file " + file.path() + ": "
                    + e.getMessage(), e);
        }
        StateFileLock lock = StateFileLock.acquire(file.path());
        try {
            return load(file, lock, clock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static JsonFileMappingStore load(StateFile file, StateFileLock lock, Clock clock) {
        StateFileCodec codec = new StateFileCodec();
        try {
            file.removeStaleTemporaryFiles();
            file.restrictToOwner();
            Optional<byte[]> content = file.read();
            if (content.isEmpty()) {
                return new JsonFileMappingStore(file, lock, codec, clock, StoredState.EMPTY, null);
            }
            StateFileCodec.Reading reading = codec.decode(content.get());
            if (reading instanceof StateFileCodec.TooNew tooNew) {
                throw new StateStoreException("The state file " + file.path() + " was written by a newer bridge"
                        + " (format version " + tooNew.version() + "; this one reads up to " + StateWire.VERSION
                        + "). It was left untouched: upgrade the bridge, or move the file away to start afresh.");
            }
            if (reading instanceof StateFileCodec.Unreadable unreadable) {
                Path aside = file.keepAside(clock.instant(), false);
                String notice = "The state file " + file.path() + " could not be read (" + unreadable.reason()
                        + "). It was kept as " + aside + " and the bridge started with no thread mappings.";
                LOG.log(System.Logger.Level.ERROR, notice);
                return new JsonFileMappingStore(file, lock, codec, clock, StoredState.EMPTY, notice);
            }
            StateFileCodec.Readable readable = (StateFileCodec.Readable) reading;
            String notice = null;
            if (!readable.skippedEntries().isEmpty()) {
                Path aside = file.keepAside(clock.instant(), true);
                notice = "The state file " + file.path() + " had " + readable.skippedEntries().size()
                        + " invalid entries, left out: " + String.join("; ", readable.skippedEntries())
                        + ". The original was kept as " + aside + ".";
                LOG.log(System.Logger.Level.ERROR, notice);
            }
            return new JsonFileMappingStore(file, lock, codec, clock, readable.state(), notice);
        } catch (IOException e) {
            throw new StateStoreException("Cannot read the state file " + file.path() + ": " + e.getMessage(), e);
        }
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

    @Override
    public synchronized void save(ThreadMapping mapping) {
        Objects.requireNonNull(mapping, "mapping");
        requireOpen();
        if (state.mappingOf(mapping.sessionId()).filter(mapping::equals).isEmpty()) {
            update(state.withMapping(mapping));
        }
    }

    @Override
    public synchronized Optional<ChannelCursor> cursor(ChannelId channel) {
        Objects.requireNonNull(channel, "channel");
        requireOpen();
        return Optional.ofNullable(state.cursors().get(channel));
    }

    @Override
    public synchronized void advanceCursor(ChannelId channel, ChannelCursor cursor) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(cursor, "cursor");
        requireOpen();
        ChannelCursor stored = state.cursors().get(channel);
        boolean forward = stored == null || !cursor.equals(stored) && !cursor.lastPostAt().isBefore(stored.lastPostAt());
        if (forward) {
            update(state.withCursor(channel, cursor));
        }
    }

    @Override
    public synchronized Optional<PromptChoices> sessionChoices(SessionId session) {
        Objects.requireNonNull(session, "session");
        requireOpen();
        return Optional.ofNullable(state.sessionChoices().get(session));
    }

    @Override
    public synchronized void saveSessionChoices(SessionId session, PromptChoices choices) {
        Objects.requireNonNull(session, "session");
        saveChoices(choices, state.sessionChoices().get(session), () -> state.withSessionChoices(session, choices));
    }

    @Override
    public synchronized Optional<PromptChoices> mainDmChoices(UserId user) {
        Objects.requireNonNull(user, "user");
        requireOpen();
        return Optional.ofNullable(state.mainDmChoices().get(user));
    }

    @Override
    public synchronized void saveMainDmChoices(UserId user, PromptChoices choices) {
        Objects.requireNonNull(user, "user");
        saveChoices(choices, state.mainDmChoices().get(user), () -> state.withMainDmChoices(user, choices));
    }

    /** Writes only a change: choosing what is chosen already leaves the file alone. */
    private void saveChoices(PromptChoices choices, PromptChoices stored, Supplier<StoredState> changed) {
        Objects.requireNonNull(choices, "choices");
        requireOpen();
        if (!choices.equals(stored == null ? PromptChoices.NONE : stored)) {
            update(changed.get());
        }
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

    @Override
    public synchronized void saveRequestPost(RequestPost post) {
        Objects.requireNonNull(post, "post");
        requireOpen();
        if (state.requestPostOf(post.key()).filter(post::equals).isEmpty()) {
            update(state.withRequestPost(post));
        }
    }

    @Override
    public synchronized void removeRequestPost(RequestKey key) {
        Objects.requireNonNull(key, "key");
        requireOpen();
        if (state.requestPostOf(key).isPresent()) {
            update(state.withoutRequestPost(key));
        }
    }

    /** Releases the file for another bridge. Further use of this store fails. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            lock.close();
        }
    }

    /** Writes first and changes memory only after, so a failed write leaves both as they were. */
    private void update(StoredState next) {
        try {
            file.replace(codec.encode(next, clock.instant()));
        } catch (IOException e) {
            throw new StateStoreException("Cannot write the state file " + file.path() + ": " + e.getMessage(), e);
        }
        state = next;
    }

    private void requireOpen() {
        if (closed) {
            throw new StateStoreException("The state store for " + file.path() + " is closed");
        }
    }
}
