package dev.ocbridge.core.inbox;

import dev.ocbridge.core.commands.Command;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.threads.ThreadManager;

import java.util.Optional;

/** Decides where a served post goes: a command, its thread's session, or the main-DM flow. */
public final class MessageRouter {
    /** Starts a session and prompts it, which only the inbox's prompt flow may do. */
    static final String NEW_SESSION_COMMAND = "new";

    private final ThreadManager threads;

    public MessageRouter(ThreadManager threads) {
        this.threads = threads;
    }

    public Route route(ChatPost post) {
        Optional<Command> command = Command.parse(post.message());
        if (command.isPresent()) {
            return command.get().name().equals(NEW_SESSION_COMMAND)
                    ? new Route.StartSessionInProject(command.get())
                    : new Route.RunCommand(command.get());
        }
        if (!post.isReply()) {
            return new Route.PromptInMainDm();
        }
        return threads.mappingOfThread(post.rootId())
                .filter(mapping -> mapping.thread().channel().equals(post.channelId()))
                .<Route>map(mapping -> mapping.isActive()
                        ? new Route.PromptInThread(mapping)
                        : new Route.ReplyInEndedThread(mapping))
                .orElseGet(() -> new Route.ReplyInUnknownThread(post.thread()));
    }
}
