package dev.ocbridge.core.inbox;

import dev.ocbridge.core.commands.Command;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.ThreadRef;

/** Where a served post goes. */
public sealed interface Route {
    record RunCommand(Command command) implements Route {
    }

    /** A reply in the thread of a live session: a prompt for that session only. */
    record PromptInThread(ThreadMapping mapping) implements Route {
    }

    /** {@code !new <project> <text>}: a new session in a chosen project, with the text as its first prompt. */
    record StartSessionInProject(Command command) implements Route {
    }

    /** A top-level post in the DM: handled by the configured main-DM mode. */
    record PromptInMainDm() implements Route {
    }

    record ReplyInUnknownThread(ThreadRef thread) implements Route {
    }

    record ReplyInEndedThread(ThreadMapping mapping) implements Route {
    }
}
