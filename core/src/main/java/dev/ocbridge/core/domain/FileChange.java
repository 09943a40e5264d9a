package dev.ocbridge.core.domain;

/** How the agent changed one file, as a unified diff ({@code patch}) with its line counts. */
public record FileChange(String path, Kind kind, int additions, int deletions, String patch) {
    public FileChange {
        Checks.requireText(path, "path");
        Checks.require(kind, "kind");
        if (additions < 0 || deletions < 0) {
            throw new IllegalArgumentException("line counts must not be negative");
        }
        patch = patch == null ? "" : patch;
    }

    public enum Kind {
        ADDED, MODIFIED, DELETED
    }
}
