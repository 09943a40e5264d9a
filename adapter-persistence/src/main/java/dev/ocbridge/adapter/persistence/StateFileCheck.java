package dev.ocbridge.adapter.persistence;

import dev.ocbridge.core.error.StateStoreException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Looks at a state file without changing it (nothing is moved aside, locked for longer than a moment, or
 * created): can a bridge start on it?
 */
public final class StateFileCheck {
    private StateFileCheck() {
    }

    /**
     * What the file holds, or that it does not exist yet; throws a StateStoreException saying what would stop a
     * bridge: unreadable, written by a newer bridge, not writable, or locked by a running bridge.
     */
    public static String inspect(Path path) {
        Path file = path.toAbsolutePath();
        String content = Files.exists(file) ? contentOf(file) : "not there yet; the bridge creates it";
        Path writableHere = Files.exists(file) ? file : nearestExisting(file.getParent());
        if (writableHere == null || !Files.isWritable(writableHere)
                || Files.exists(file) && !Files.isWritable(file.getParent())) {
            throw new StateStoreException("The state file " + file + " cannot be written here (check the owner "
                    + "and permissions of " + (writableHere == null ? file.getParent() : writableHere) + ")");
        }
        refuseIfLocked(file);
        return content;
    }

    private static String contentOf(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StateStoreException("The state file " + file + " cannot be read: " + e.getMessage(), e);
        }
        StateFileCodec.Reading reading = new StateFileCodec().decode(bytes);
        if (reading instanceof StateFileCodec.TooNew tooNew) {
            throw new StateStoreException("The state file " + file + " was written by a newer bridge (format "
                    + "version " + tooNew.version() + "; this one reads up to " + StateWire.VERSION + ")");
        }
        if (reading instanceof StateFileCodec.Unreadable unreadable) {
            throw new StateStoreException("The state file " + file + " is not readable (" + unreadable.reason()
                    + "); a bridge would keep it aside and start with no thread mappings");
        }
        StateFileCodec.Readable readable = (StateFileCodec.Readable) reading;
        return readable.state().mappings().size() + " thread mapping(s)"
                + (readable.skippedEntries().isEmpty() ? "" : ", " + readable.skippedEntries().size() + " invalid");
    }

    private static void refuseIfLocked(Path file) {
        Path lockFile = StateFileLock.lockFileOf(file);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String pid = Files.readString(lockFile).trim();
                throw new StateStoreException("The state file " + file + " is locked by a running bridge"
                        + (pid.matches("\\d+") ? " (process " + pid + ")" : ""));
            }
            lock.release();
        } catch (IOException e) {
            throw new StateStoreException("Cannot check the lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static Path nearestExisting(Path directory) {
        Path candidate = directory;
        while (candidate != null && !Files.exists(candidate)) {
            candidate = candidate.getParent();
        }
        return candidate;
    }
}
