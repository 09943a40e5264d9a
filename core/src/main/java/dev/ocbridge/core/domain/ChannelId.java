package dev.ocbridge.core.domain;

/** Opaque identifier of a channel, as the remote system spells it. */
public record ChannelId(String value) {
    public ChannelId {
        Checks.requireText(value, "channel id");
    }

    @Override
    public String toString() {
        return value;
    }
}
