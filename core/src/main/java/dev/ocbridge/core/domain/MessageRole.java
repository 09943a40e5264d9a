package dev.ocbridge.core.domain;

/** Who wrote a message in a session. */
public enum MessageRole {
    USER,
    ASSISTANT
}
