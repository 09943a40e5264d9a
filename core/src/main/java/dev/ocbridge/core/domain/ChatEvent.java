package dev.ocbridge.core.domain;

/** What the chat system tells the bridge. */
public sealed interface ChatEvent {

    /** The live connection is up (again); posts made while it was down have been delivered before this. */
    record Connected(boolean reconnected) implements ChatEvent {
    }

    /** The live connection dropped; the adapter is reconnecting. */
    record Disconnected(String reason) implements ChatEvent {
    }

    /**
     * Posts of a direct channel may have been missed and could not be read yet (a catch-up failed); the chat
     * delivers them later, followed by {@link CaughtUp}. Until then the channel's cursor must not move past them.
     */
    record CatchUpOwed(ChannelId channel) implements ChatEvent {
        public CatchUpOwed {
            Checks.require(channel, "channel");
        }
    }

    /** The posts a direct channel missed, announced by {@link CatchUpOwed}, have all been delivered before this. */
    record CaughtUp(ChannelId channel) implements ChatEvent {
        public CaughtUp {
            Checks.require(channel, "channel");
        }
    }

    /** A post was created. {@code channelKind} is the kind of the channel it is in. */
    record MessagePosted(ChatPost post, ChannelKind channelKind) implements ChatEvent {
        public MessagePosted {
            Checks.require(post, "post");
            Checks.require(channelKind, "channel kind");
        }
    }

    record MessageEdited(ChatPost post) implements ChatEvent {
        public MessageEdited {
            Checks.require(post, "post");
        }
    }

    record MessageDeleted(ChatPost post) implements ChatEvent {
        public MessageDeleted {
            Checks.require(post, "post");
        }
    }

    record ReactionAdded(Reaction reaction) implements ChatEvent {
        public ReactionAdded {
            Checks.require(reaction, "reaction");
        }
    }

    record ReactionRemoved(Reaction reaction) implements ChatEvent {
        public ReactionRemoved {
            Checks.require(reaction, "reaction");
        }
    }
}
