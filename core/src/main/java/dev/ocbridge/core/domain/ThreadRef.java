package dev.ocbridge.core.domain;

/** A thread in a chat channel, named by the post at its root. */
public record ThreadRef(ChannelId channel, PostId root) {
    public ThreadRef {
        Checks.require(channel, "channel");
        Checks.require(root, "root post");
    }

    /** A thread is known by its root post's id, in chat links as in logs. */
    @Override
    public String toString() {
        return root.toString();
    }
}
