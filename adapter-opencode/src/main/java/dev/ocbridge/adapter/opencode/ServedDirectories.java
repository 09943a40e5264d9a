package dev.ocbridge.adapter.opencode;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The project directories the bridge serves: the configured one (or, when none is configured, the one the
 * server itself works in), plus every directory a session was created in or reported from. Directory-scoped
 * routes (status, permissions, questions) are asked once per directory, since the server answers each for one
 * directory only.
 */
final class ServedDirectories {

    private final String configured;
    private final Supplier<String> askServer;
    private final Set<String> others = ConcurrentHashMap.newKeySet();
    private volatile String serverDirectory;

    /**
     * @param configured the directory new sessions go to, or null for the server's own
     * @param askServer  asks the server where it works; called until it first answers
     */
    ServedDirectories(String configured, Supplier<String> askServer) {
        this.configured = configured;
        this.askServer = askServer;
    }

    Optional<String> configured() {
        return Optional.ofNullable(configured);
    }

    /** Where the server itself works; asked once, then remembered (a server does not move). */
    String serverDirectory() {
        String known = serverDirectory;
        if (known == null) {
            known = askServer.get();
            serverDirectory = known;
        }
        return known;
    }

    /** The configured directory, else the server's own. */
    String primary() {
        return configured().orElseGet(this::serverDirectory);
    }

    void add(String directory) {
        // Events about no project at all say "global"; only real paths are directories.
        if (directory != null && !directory.isBlank() && isAbsolute(directory)) {
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

    /** The primary directory first, the rest in no particular order, each once. */
    List<String> all() {
        Set<String> all = new LinkedHashSet<>();
        all.add(primary());
        all.addAll(others);
        return List.copyOf(all);
    }
}
