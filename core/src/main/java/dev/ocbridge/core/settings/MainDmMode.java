package dev.ocbridge.core.settings;

/** What a top-level post in the DM does. */
public enum MainDmMode {
    /** Start a new session whose thread is rooted at the post. */
    NEW_SESSION,
    /** Send it to the most recently active session and answer in that session's thread. */
    RECENT_SESSION,
    /** Explain that prompts go in a session thread. */
    REJECT
}
