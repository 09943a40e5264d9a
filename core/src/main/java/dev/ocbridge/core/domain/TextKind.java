package dev.ocbridge.core.domain;

/** Streamed text is either the answer or the model's reasoning. */
public enum TextKind {
    ANSWER,
    REASONING
}
