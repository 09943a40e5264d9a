package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.inbox.ChatInbox;
import dev.ocbridge.core.port.out.MappingStore;
import dev.ocbridge.core.testing.InMemoryMappingStore;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every chat event it receives, in order. As an inbox it handles nothing, so no cursor moves and none is held:
 * a catch-up reads from where serving began, kept in its store, and the core drops what it delivered before.
 */
final class RecordingChatEventHandler implements ChatInbox {
    private final List<ChatEvent> events = new ArrayList<>();
    private final MappingStore store;

    RecordingChatEventHandler() {
        this(new InMemoryMappingStore());
    }

    RecordingChatEventHandler(MappingStore store) {
        this.store = store;
    }

    @Override
    public synchronized void onChatEvent(ChatEvent event) {
        events.add(event);
    }

    @Override
    public void startAt(ChannelId channel, ChannelCursor cursor) {
        store.advanceCursor(channel, cursor);
    }

    @Override
    public void catchUpOwed(ChannelId channel) {
        // No cursor to hold: see the class comment.
    }

    @Override
    public void caughtUp(ChannelId channel) {
        // No cursor to release: see the class comment.
    }

    synchronized List<ChatEvent> events() {
        return List.copyOf(events);
    }

    <T extends ChatEvent> List<T> events(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<String> postedMessages() {
        return events(ChatEvent.MessagePosted.class).stream().map(p -> p.post().message()).toList();
    }
}
