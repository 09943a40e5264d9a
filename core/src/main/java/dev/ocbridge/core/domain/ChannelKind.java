package dev.ocbridge.core.domain;

/** The kinds of chat channel; the bridge only serves direct ones. */
public enum ChannelKind {
    DIRECT,
    GROUP,
    OPEN,
    PRIVATE,
    UNKNOWN
}
