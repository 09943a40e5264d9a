package dev.ocbridge.adapter.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes a state file's directory refuse writes and then accept them again, whoever runs the test (permissions do
 * not stop root): the directory is moved aside and a plain file takes its place, so nothing can be created in it.
 * Files already open in it (the lock) stay open.
 */
final class UnwritableDirectory {
    private final Path directory;
    private final Path away;

    UnwritableDirectory(Path directory) {
        this.directory = directory;
        this.away = directory.resolveSibling(directory.getFileName() + ".away");
    }

    void refuseWrites() {
        try {
            Files.move(directory, away);
            Files.writeString(directory, "in place of the state directory");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void acceptWrites() {
        try {
            Files.delete(directory);
            Files.move(away, directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
