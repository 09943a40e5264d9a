package dev.ocbridge.core.service;

import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.port.in.ChatEventHandler;
import dev.ocbridge.core.port.out.ChatPort;

/**
 * Turns what people post into prompts and commands. Posts of one channel are handled in order on that
 * channel's queue, so the adapter's thread never waits for the agent server.
 */
public final class ChatInboxService implements ChatEventHandler {
    private static final System.Logger LOG = System.getLogger(ChatInboxService.class.getName());

    private final ChatPort chat;
    private final BotIdentity identity;
    private final AccessPolicy access;
    private final MessageRouter router;
    private final CommandService commands;
    private final PromptDispatcher dispatcher;
    private final MainDmPrompts mainDm;
    private final BridgeHealth health;
    private final BridgeTexts texts;
    private final SerialQueues queues;

    public ChatInboxService(ChatPort chat, BotIdentity identity, AccessPolicy access, MessageRouter router,
                            CommandService commands, PromptDispatcher dispatcher, MainDmPrompts mainDm,
                            BridgeHealth health, BridgeTexts texts, SerialQueues queues) {
        this.chat = chat;
        this.identity = identity;
        this.access = access;
        this.router = router;
        this.commands = commands;
        this.dispatcher = dispatcher;
        this.mainDm = mainDm;
        this.health = health;
        this.texts = texts;
        this.queues = queues;
    }

    @Override
    public void onChatEvent(ChatEvent event) {
        if (event instanceof ChatEvent.MessagePosted posted) {
            queues.submit(posted.post().channelId(), () -> handlePosted(posted.post(), posted.channelKind()));
        } else if (event instanceof ChatEvent.Connected) {
            health.chatConnected(true);
        } else if (event instanceof ChatEvent.Disconnected) {
            health.chatConnected(false);
        } else if (event instanceof ChatEvent.MessageEdited
                || event instanceof ChatEvent.MessageDeleted
                || event instanceof ChatEvent.ReactionAdded
                || event instanceof ChatEvent.ReactionRemoved) {
            LOG.log(System.Logger.Level.TRACE, "Not acted on yet: {0}", event.getClass().getSimpleName());
        }
    }

    private void handlePosted(ChatPost post, ChannelKind channelKind) {
        ChatUser self = identity.self();
        if (post.authorId().equals(self.id())) {
            return;
        }
        ChatUser author = chat.user(post.authorId());
        AccessDecision decision = access.decide(post, channelKind, author, self.id());
        if (decision instanceof AccessDecision.Ignore ignore) {
            LOG.log(System.Logger.Level.DEBUG, "Ignored post {0} by {1}: {2}", post.id(), author.id(),
                    ignore.reason());
            return;
        }
        Route route = router.route(post);
        if (route instanceof Route.RunCommand run) {
            commands.run(run.command(), post, author);
        } else if (route instanceof Route.PromptInThread inThread) {
            dispatcher.send(inThread.mapping(), post, author);
        } else if (route instanceof Route.PromptInMainDm) {
            mainDm.handle(post, author);
        } else if (route instanceof Route.ReplyInUnknownThread unknown) {
            chat.createPost(NewPost.inThread(unknown.thread(), texts.unknownThread()));
        } else if (route instanceof Route.ReplyInEndedThread ended) {
            chat.createPost(NewPost.inThread(post.thread(), texts.endedThread(ended.mapping())));
        }
    }
}
