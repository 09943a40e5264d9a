package dev.ocbridge.core.commands;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.port.out.MappingStore;

/** Where a command was posted, which decides what it acts on. */
public sealed interface CommandPlace {

    /** A top-level post in the DM. */
    record MainDm() implements CommandPlace {
    }

    /** A reply in the thread of a live session. */
    record SessionThread(ThreadMapping mapping) implements CommandPlace {
    }

    /** A reply in the thread of a session that has ended. */
    record EndedThread(ThreadMapping mapping) implements CommandPlace {
    }

    /** A reply in a thread that belongs to no session. */
    record OtherThread() implements CommandPlace {
    }

    static CommandPlace of(ChatPost post, MappingStore mappings) {
        if (!post.isReply()) {
            return new MainDm();
        }
        return mappings.findByThreadRoot(post.rootId())
                .filter(mapping -> mapping.thread().channel().equals(post.channelId()))
                .<CommandPlace>map(mapping -> mapping.isActive() ? new SessionThread(mapping) : new EndedThread(mapping))
                .orElseGet(OtherThread::new);
    }
}
