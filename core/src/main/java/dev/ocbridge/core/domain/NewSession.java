package dev.ocbridge.core.domain;

import java.util.Optional;

/**
 * A request to create a session. A null title lets the agent server choose one; a null directory creates the
 * session where the server itself works. The directory is a path on the server's machine.
 */
public record NewSession(String title, String directory) {
    public NewSession {
        if (directory != null) {
            Checks.requireText(directory, "directory");
        }
    }

    /** A session in {@code directory}, or where the server works when it is empty. */
    public static NewSession in(Optional<String> directory) {
        return new NewSession(null, directory.orElse(null));
    }

    public Optional<String> chosenDirectory() {
        return Optional.ofNullable(directory);
    }
}
