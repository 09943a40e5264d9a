package dev.ocbridge.core.port.out;

import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.port.in.ChatEventHandler;

import java.util.Optional;

/**
 * The chat's live connection, which only decodes, reconnects and reports gaps: what it missed is read back by the
 * core through the {@link ChatPort}. Events reach the handler from one thread at a time, in the order they came;
 * after every (re)connect {@link dev.ocbridge.core.domain.ChatEvent.Connected}, when a connection that was up drops
 * {@link dev.ocbridge.core.domain.ChatEvent.Disconnected}, and where events were lost on the way
 * {@link dev.ocbridge.core.domain.ChatEvent.EventsMissed}. A post may be delivered twice; the core drops the second.
 */
public interface ChatEventsPort {

    /** Connects in the background and reconnects, with backoff, until stopped or refused for good. */
    void start(ChatEventHandler handler);

    /** Closes the connection and stops reconnecting; events already received are still delivered. */
    void stop();

    /** Why the source stopped for good (the chat refused the bridge's credentials), if it did. */
    Optional<BridgeException> failure();
}
