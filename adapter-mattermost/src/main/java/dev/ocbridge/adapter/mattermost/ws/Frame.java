package dev.ocbridge.adapter.mattermost.ws;

import dev.ocbridge.core.domain.ChatEvent;

/** A websocket frame, decoded. Events carry the connection's sequence number. */
public sealed interface Frame {
    /** The sequence number of an event that came without one. */
    long NO_SEQ = -1;

    /** The answer to an action the client sent. */
    record Reply(long seqReply, boolean ok, String errorId, String errorMessage) implements Frame {
    }

    /** The server registered the authenticated connection. */
    record Hello(long seq, String serverVersion) implements Frame {
    }

    /** An event the bridge cares about. */
    record Event(long seq, String name, ChatEvent event) implements Frame {
    }

    /** A well-formed event the bridge does not use, or one whose payload could not be read. */
    record Skipped(long seq, String name, String why) implements Frame {
    }

    /** Not a Mattermost frame at all. */
    record Malformed(String why) implements Frame {
    }
}
