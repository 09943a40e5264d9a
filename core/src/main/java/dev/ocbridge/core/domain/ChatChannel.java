package dev.ocbridge.core.domain;

/** A chat channel. */
public record ChatChannel(ChannelId id, ChannelKind kind, String name) {
    public ChatChannel {
        Checks.require(id, "channel id");
        Checks.require(kind, "channel kind");
        name = name == null ? "" : name;
    }
}
