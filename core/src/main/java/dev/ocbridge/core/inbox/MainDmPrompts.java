package dev.ocbridge.core.inbox;

import dev.ocbridge.core.commands.CommandService;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.MappingStore;
import dev.ocbridge.core.settings.BridgeSettings;
import dev.ocbridge.core.settings.MainDmMode;
import dev.ocbridge.core.texts.BridgeTexts;
import dev.ocbridge.core.threads.ThreadManager;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/** Handles a top-level post in the DM according to the configured {@link MainDmMode}. */
public final class MainDmPrompts {
    private static final System.Logger LOG = System.getLogger(MainDmPrompts.class.getName());

    private final BridgeSettings settings;
    private final ThreadManager threads;
    private final MappingStore mappings;
    private final PromptDispatcher dispatcher;
    private final CommandService commands;
    private final ChatPort chat;
    private final BridgeTexts texts;

    public MainDmPrompts(BridgeSettings settings, ThreadManager threads, MappingStore mappings,
                         PromptDispatcher dispatcher, CommandService commands, ChatPort chat, BridgeTexts texts) {
        this.settings = settings;
        this.threads = threads;
        this.mappings = mappings;
        this.dispatcher = dispatcher;
        this.commands = commands;
        this.chat = chat;
        this.texts = texts;
    }

    /**
     * Throws only while nothing has reached the agent (see {@link PromptDispatcher#send}), so that a caller
     * may handle the post again after this threw. {@code receivedAt} is when the bridge received the post.
     */
    public void handle(ChatPost post, ChatUser author, Instant receivedAt) {
        switch (settings.mainDmMode()) {
            case NEW_SESSION:
                startSession(post, author, receivedAt);
                break;
            case RECENT_SESSION:
                promptRecentSession(post, author, receivedAt);
                break;
            case REJECT:
                reply(post, texts.mainDmRejected() + "\n" + commands.sessionList(author.id()));
                break;
        }
    }

    private void startSession(ChatPost post, ChatUser author, Instant receivedAt) {
        ThreadMapping mapping;
        try {
            mapping = threads.startSessionFrom(post, settings.defaultDirectory());
        } catch (BridgeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not start a session for post {0}: {1}", post.id(),
                    e.getMessage());
            tellCreationFailed(post, e);
            return;
        }
        dispatcher.send(mapping, post, author, receivedAt);
    }

    private void promptRecentSession(ChatPost post, ChatUser author, Instant receivedAt) {
        Optional<ThreadMapping> recent = mappings.mappings().stream()
                .filter(ThreadMapping::isActive)
                .filter(mapping -> mapping.userId().equals(author.id()))
                .max(Comparator.comparing(ThreadMapping::lastActivityAt));
        if (recent.isEmpty()) {
            reply(post, texts.noRecentSession());
            return;
        }
        ThreadMapping mapping = recent.get();
        reply(post, texts.routedToRecent(mapping, chat.permalink(mapping.thread().root())));
        dispatcher.send(mapping, post, author, receivedAt);
    }

    /**
     * The server may have created the session although the call failed (an answer lost on the way), so a
     * failure to say so must not make the caller handle the post again and create another one.
     */
    private void tellCreationFailed(ChatPost post, BridgeException failure) {
        try {
            reply(post, texts.sessionCreationFailed(failure.getMessage()));
        } catch (BridgeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not tell that no session started for post {0}: {1}",
                    post.id(), e.getMessage());
        }
    }

    private void reply(ChatPost post, String message) {
        chat.createPost(NewPost.inThread(post.thread(), message));
    }
}
