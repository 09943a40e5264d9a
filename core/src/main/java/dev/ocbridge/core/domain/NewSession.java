package dev.ocbridge.core.domain;

/** A request to create a session; a null title lets the agent server choose one. */
public record NewSession(String title, String directory) {
    public NewSession {
        Checks.requireText(directory, "directory");
    }
}
