package dev.ocbridge.adapter.persistence;

import dev.ocbridge.core.error.StateStoreException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive ownership of a state file by one bridge: an OS file lock on the sibling {@code <name>.lock}.
 * The lock file stays in place after release (deleting it would race with the next owner); it holds the
 * owner's process id, for the message a second bridge shows.
 */
final class StateFileLock implements AutoCloseable {
    /*
     * OS file locks belong to the process, and on Linux closing any channel to the file drops them. A second
     * opener in this JVM must therefore be refused before it opens a channel of its own: this set is the
     * JVM-wide record of the lock files held, the one piece of static state the adapter needs.
     */
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;

    private StateFileLock(Path lockFile, FileChannel channel, FileLock lock) {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code stateFile} (whose directory must exist) or says clearly why it cannot. */
    static StateFileLock acquire(Path stateFile) {
        Path lockFile = lockFileOf(stateFile);
        if (!HELD_IN_THIS_JVM.add(lockFile)) {
            throw alreadyOwned(stateFile, lockFile, "by this process");
        }
        try {
            FileChannel channel = FileChannel.open(lockFile,
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
                    FilePermissions.ownerOnlyFile(lockFile));
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw alreadyOwned(stateFile, lockFile, ownerOf(lockFile));
            }
            recordOwner(channel);
            return new StateFileLock(lockFile, channel, lock);
        } catch (IOException e) {
            HELD_IN_THIS_JVM.remove(lockFile);
            throw new StateStoreException("Cannot lock the state file " + stateFile + " through " + lockFile
                    + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            HELD_IN_THIS_JVM.remove(lockFile);
            throw e;
        }
    }

    static Path lockFileOf(Path stateFile) {
        Path absolute = stateFile.toAbsolutePath();
        Path directory = absolute.getParent();
        try {
            directory = directory.toRealPath();
        } catch (IOException e) {
            // The directory is created before locking; if it is still missing, opening the lock file says so.
        }
        return directory.resolve(absolute.getFileName() + ".lock");
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            System.getLogger(StateFileLock.class.getName()).log(System.Logger.Level.WARNING,
                    "Could not release the lock " + lockFile + " cleanly: " + e.getMessage());
        } finally {
            HELD_IN_THIS_JVM.remove(lockFile);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static void recordOwner(FileChannel channel) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
    }

    private static String ownerOf(Path lockFile) {
        try {
            String pid = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
            return pid.matches("\\d+") ? "by process " + pid : "by another process";
        } catch (IOException e) {
            return "by another process";
        }
    }

    private static StateStoreException alreadyOwned(Path stateFile, Path lockFile, String owner) {
        return new StateStoreException("The state file " + stateFile + " is locked " + owner + " (lock file "
                + lockFile + "): another bridge seems to be running with the same state file. Stop it, or give"
                + " this one a different mapping file.");
    }
}
