package dev.ocbridge.adapter.opencode;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The project directories the bridge serves: the configured one, plus every directory a session was
 * created in or reported from. Directory-scoped routes (status, permissions, questions) are asked once
 * per directory, since the server answers each for one directory only.
 */
final class ServedDirectories {

    private final String primary;
    private final Set<String> others = ConcurrentHashMap.newKeySet();

    ServedDirectories(String primary) {
        this.primary = primary;
    }

    String primary() {
        return primary;
    }

    void add(String directory) {
        // Events about no project at all say "global"; only real paths are directories.
        if (directory != null && !directory.isBlank() && !directory.equals(primary) && isAbsolute(directory)) {
            others.add(directory);
        }
    }

    private static boolean isAbsolute(String directory) {
        try {
            return Path.of(directory).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** The primary directory first, the rest in no particular order. */
    List<String> all() {
        return Stream.concat(Stream.of(primary), others.stream()).toList();
    }
}
