package dev.ocbridge.core.prompts;

/** A file attached to a post that did not go to the agent, and why. */
public record SkippedFile(String name, long size, Reason reason) {
    public SkippedFile {
        name = name == null ? "" : name;
    }

    public enum Reason {
        /** Larger than the bridge may download. */
        TOO_LARGE,
        /** Neither text, an image nor a PDF. */
        UNREADABLE_KIND,
        /** The chat server would not hand it out. */
        NOT_DOWNLOADED
    }
}
