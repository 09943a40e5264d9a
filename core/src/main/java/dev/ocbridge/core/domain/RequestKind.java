package dev.ocbridge.core.domain;

/** What the agent waits on: a permission to act, or answers to its questions. */
public enum RequestKind {
    PERMISSION,
    QUESTION
}
