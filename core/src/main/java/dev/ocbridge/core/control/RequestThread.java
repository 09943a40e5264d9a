package dev.ocbridge.core.control;

import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.ThreadRef;

/** Where a request is shown: the live thread of the session that asked (or of its root), and whose it is. */
public record RequestThread(ThreadMapping mapping, String username) {

    public ThreadRef thread() {
        return mapping.thread();
    }

    /** Names the person so that the chat server notifies them, collapsed threads or not. */
    public String mention() {
        return "@" + username;
    }
}
