package dev.ocbridge.core.domain;

/** Whether a thread still drives a live session. */
public enum MappingStatus {
    ACTIVE,
    ENDED
}
