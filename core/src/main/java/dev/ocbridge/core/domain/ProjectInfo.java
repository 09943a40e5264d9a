package dev.ocbridge.core.domain;

/**
 * A project people can pick from chat: a directory on the agent server's machine and the name shown for it.
 * Without a name of its own a project is called by the last element of its directory.
 */
public record ProjectInfo(String name, String directory) {

    public ProjectInfo {
        directory = ServerPaths.withoutTrailingSeparator(Checks.requireText(directory, "directory"));
        name = name == null || name.isBlank() ? ServerPaths.lastElement(directory) : name.strip();
    }

    /** A project named after its directory. */
    public static ProjectInfo of(String directory) {
        return new ProjectInfo(null, directory);
    }

    /** Whether a session working in {@code path} works in this project. */
    public boolean contains(String path) {
        return ServerPaths.isWithin(path, directory);
    }
}
