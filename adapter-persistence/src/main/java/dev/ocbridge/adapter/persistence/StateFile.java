package dev.ocbridge.adapter.persistence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;

/**
 * The state file on disk: read it, replace it atomically and durably, keep a bad copy aside. The caller
 * holds the file's lock, so no other bridge writes beside us.
 */
final class StateFile {
    private static final String TEMP_SUFFIX = ".tmp";
    private static final DateTimeFormatter ASIDE_STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final System.Logger LOG = System.getLogger(StateFile.class.getName());

    private final Path file;
    private final Path directory;

    StateFile(Path file) {
        this.file = file.toAbsolutePath();
        this.directory = this.file.getParent();
    }

    Path path() {
        return file;
    }

    void createDirectory() throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, FilePermissions.ownerOnlyDirectory(directory));
        }
    }

    /** The file's bytes, or empty when there is no file yet. */
    Optional<byte[]> read() throws IOException {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Replaces the file so that a crash at any moment leaves either the old or the new content: write a
     * temporary file beside it, force it to disk, rename it over the file, then force the directory entry.
     */
    void replace(byte[] content) throws IOException {
        Path temp = Files.createTempFile(directory, file.getFileName() + ".", TEMP_SUFFIX,
                FilePermissions.ownerOnlyFile(directory));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        forceDirectory();
    }

    /**
     * Moves the file (or copies it, when the rest of its content is still used) to
     * {@code <name>.corrupt-<UTC time>} and returns where it went.
     */
    Path keepAside(Instant now, boolean keepOriginal) throws IOException {
        String base = file.getFileName() + ".corrupt-" + ASIDE_STAMP.format(now);
        for (int attempt = 0; ; attempt++) {
            Path aside = directory.resolve(attempt == 0 ? base : base + "-" + attempt);
            try {
                if (keepOriginal) {
                    Files.copy(file, aside, StandardCopyOption.COPY_ATTRIBUTES);
                } else {
                    // Not ATOMIC_MOVE: an atomic rename replaces an existing target, an earlier kept copy.
                    Files.move(file, aside);
                }
                forceDirectory();
                return aside;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /** Makes an existing file (say, one the plugin wrote) readable by its owner only, where POSIX applies. */
    void restrictToOwner() throws IOException {
        if (!FilePermissions.posix(directory) || !Files.exists(file)) {
            return;
        }
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        if (!Files.getPosixFilePermissions(file).equals(ownerOnly)) {
            Files.setPosixFilePermissions(file, ownerOnly);
            LOG.log(System.Logger.Level.INFO, "Made " + file + " readable by its owner only");
        }
    }

    /** Removes temporary files a crash left behind mid-write; they never hold the committed state. */
    void removeStaleTemporaryFiles() throws IOException {
        String glob = globEscaped(file.getFileName().toString()) + ".*" + TEMP_SUFFIX;
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(directory, glob)) {
            for (Path temp : stale) {
                Files.deleteIfExists(temp);
                LOG.log(System.Logger.Level.INFO, "Removed " + temp + ", left by an interrupted write");
            }
        }
    }

    private void forceDirectory() {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open or sync a directory; the rename itself is still atomic there.
            LOG.log(System.Logger.Level.DEBUG, "Could not sync directory " + directory + ": " + e.getMessage());
        }
    }

    private static String globEscaped(String name) {
        return name.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }
}
