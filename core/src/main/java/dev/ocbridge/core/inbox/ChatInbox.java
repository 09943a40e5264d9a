package dev.ocbridge.core.inbox;

import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.port.in.ChatEventHandler;

/**
 * Where {@link ChatCatchUp} hands the chat's events, each post once: the inbox, which moves a direct channel's
 * cursor over the posts it has handled.
 */
public interface ChatInbox extends ChatEventHandler {

    /**
     * A channel without a cursor starts at {@code cursor} (its newest post when serving began, so that its history
     * is not replayed); one with a cursor keeps it. The inbox owns the cursors: this is the one move it does not
     * make over a handled post.
     */
    void startAt(ChannelId channel, ChannelCursor cursor);

    /**
     * Posts of the channel may have been missed and could not be read yet: until {@link #caughtUp} its cursor must
     * not move, since the missed posts are older than those delivered meanwhile.
     */
    void catchUpOwed(ChannelId channel);

    /** The posts the channel owed ({@link #catchUpOwed}) have all been handed on before this. */
    void caughtUp(ChannelId channel);
}
