package dev.ocbridge.core.port.in;

import dev.ocbridge.core.domain.ChatEvent;

/** Receives what the chat system reports. Returns quickly: the work happens elsewhere. */
public interface ChatEventHandler {
    void onChatEvent(ChatEvent event);
}
