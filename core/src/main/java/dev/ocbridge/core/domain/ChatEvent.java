package dev.ocbridge.core.domain;

import java.time.Instant;

/** What the chat system tells the bridge. */
public sealed interface ChatEvent {

    /**
     * The live connection is up (again). Posts made while it was down are not delivered by the connection: the
     * core reads them back through the {@link dev.ocbridge.core.port.out.ChatPort} and hands them on before this.
     */
    record Connected(boolean reconnected) implements ChatEvent {
    }

    /**
     * The live connection dropped, or stopped for good; the adapter is reconnecting unless it stopped.
     * {@code connectedUntil} is when it was last known up (its last message or answer to a ping): posts made after
     * that may have been missed.
     */
    record Disconnected(String reason, Instant connectedUntil) implements ChatEvent {
        public Disconnected {
            Checks.require(reason, "reason");
            Checks.require(connectedUntil, "connected until");
        }
    }

    /** Events may have been lost on the live connection (a gap in what it delivered): posts must be read back. */
    record EventsMissed(String why) implements ChatEvent {
        public EventsMissed {
            Checks.require(why, "why");
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
