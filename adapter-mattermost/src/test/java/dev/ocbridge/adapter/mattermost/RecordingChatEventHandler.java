package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.port.in.ChatEventHandler;

import java.util.ArrayList;
import java.util.List;

/** Keeps every chat event it receives, in order. */
final class RecordingChatEventHandler implements ChatEventHandler {
    private final List<ChatEvent> events = new ArrayList<>();

    @Override
    public synchronized void onChatEvent(ChatEvent event) {
        events.add(event);
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
