package dev.ocbridge.core.testing;

import dev.ocbridge.core.access.AccessPolicy;
import dev.ocbridge.core.agent.AgentOutputService;
import dev.ocbridge.core.answers.ResponseStreams;
import dev.ocbridge.core.commands.CommandService;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.Prompt;
import dev.ocbridge.core.domain.PromptPart;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.health.BridgeHealth;
import dev.ocbridge.core.inbox.ChatInboxService;
import dev.ocbridge.core.inbox.MainDmPrompts;
import dev.ocbridge.core.inbox.MessageRouter;
import dev.ocbridge.core.inbox.PromptDispatcher;
import dev.ocbridge.core.inbox.PromptFormatter;
import dev.ocbridge.core.settings.BridgeSettings;
import dev.ocbridge.core.settings.MainDmMode;
import dev.ocbridge.core.texts.BridgeTexts;
import dev.ocbridge.core.threads.BotIdentity;
import dev.ocbridge.core.threads.SessionReconciler;
import dev.ocbridge.core.threads.ThreadManager;
import dev.ocbridge.core.work.SerialQueues;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The core services wired to in-memory fakes, running every task on the calling thread, so a test
 * pushes an event and then looks at what the bridge posted.
 */
public final class CoreTestKit {
    public static final Instant START = Instant.parse("2026-11-21T10:00:00Z");
    public static final String DIRECTORY = "/home/dev/projA";

    public final MutableClock clock = new MutableClock(START);
    public final ManualScheduler scheduler = new ManualScheduler(clock);
    public final ChatUser bot = new ChatUser(new UserId("bot"), "opencode-bot", true);
    public final FakeChatPort chat = new FakeChatPort(clock, bot);
    public final FakeSessionPort sessions = new FakeSessionPort(clock);
    public final InMemoryMappingStore mappings = new InMemoryMappingStore();
    public final FakeMetricsPort metrics = new FakeMetricsPort();
    public final ChatUser alice = chat.addUser("alice", false);
    public final ChatUser bob = chat.addUser("bob", false);
    public final ChatUser otherBot = chat.addUser("ci-bot", true);
    public final ChannelId aliceDm = chat.directChannelWith(alice.id());
    public final ChannelId bobDm = chat.directChannelWith(bob.id());
    public final ThreadManager threads;
    public final SessionReconciler reconciler;
    public final ChatInboxService inbox;
    public final AgentOutputService output;
    public final BridgeSettings settings;
    public final BridgeHealth health;
    public final AccessPolicy access;

    private CoreTestKit(boolean aliceOwnsTheBot, Set<String> allowedUsernames, boolean anyone, MainDmMode mode) {
        Optional<UserId> owner = aliceOwnsTheBot ? Optional.of(alice.id()) : Optional.empty();
        Set<UserId> allowed = allowedUsernames.stream()
                .map(name -> chat.userByUsername(name).orElseThrow().id())
                .collect(Collectors.toSet());
        access = anyone ? AccessPolicy.anyone() : new AccessPolicy(owner, allowed);
        settings = new BridgeSettings("1.2.3", DIRECTORY, mode, Duration.ofMillis(500), 15_000, Duration.ofHours(1));
        BridgeTexts texts = new BridgeTexts(mode);
        SerialQueues queues = new SerialQueues(Runnable::run);
        health = new BridgeHealth(clock);
        BotIdentity identity = new BotIdentity(chat, owner);
        threads = new ThreadManager(chat, sessions, mappings, texts, clock);
        reconciler = new SessionReconciler(sessions, mappings, threads, identity, settings, clock);
        CommandService commands = new CommandService(chat, mappings, health, settings, texts, access);
        PromptDispatcher dispatcher = new PromptDispatcher(sessions, chat, threads, new PromptFormatter(), texts,
                metrics, clock);
        MainDmPrompts mainDm = new MainDmPrompts(settings, threads, mappings, dispatcher, commands, chat, texts);
        inbox = new ChatInboxService(chat, identity, access,
                new MessageRouter(mappings), commands, dispatcher, mainDm, health, texts, queues, scheduler, clock);
        ResponseStreams streams = new ResponseStreams(chat, scheduler, clock, settings, texts, queues, metrics);
        output = new AgentOutputService(threads, streams, identity, reconciler, health, settings, clock, queues,
                scheduler);
    }

    /** Alice owns the bot; new-session mode in the main DM. */
    public static CoreTestKit aliceOwnsTheBot() {
        return aliceOwnsTheBot(MainDmMode.NEW_SESSION);
    }

    public static CoreTestKit aliceOwnsTheBot(MainDmMode mode) {
        return new CoreTestKit(true, Set.of(), false, mode);
    }

    /** No owner: only the named users are served, nobody when none are named. */
    public static CoreTestKit noOwner(String... allowedUsernames) {
        return new CoreTestKit(false, Set.of(allowedUsernames), false, MainDmMode.NEW_SESSION);
    }

    /** No owner, no list, and the operator said explicitly that anyone who can message the bot may drive it. */
    public static CoreTestKit anyoneMayDriveIt() {
        return new CoreTestKit(false, Set.of(), true, MainDmMode.NEW_SESSION);
    }

    /** A person posts in a direct channel and the chat adapter reports it. */
    public ChatPost userPosts(ChatUser author, ChannelId channel, PostId root, String message) {
        ChatPost post = chat.postAs(author, channel, root, message);
        inbox.onChatEvent(new ChatEvent.MessagePosted(post, ChannelKind.DIRECT));
        return post;
    }

    /** A program posts in a direct channel in the name of {@code onBehalfOf} (a webhook that person set up). */
    public ChatPost automationPosts(ChatUser onBehalfOf, ChannelId channel, String message) {
        ChatPost post = chat.postByAutomation(onBehalfOf, channel, message);
        inbox.onChatEvent(new ChatEvent.MessagePosted(post, ChannelKind.DIRECT));
        return post;
    }

    /** The chat server writes a notice into a direct channel in the name of whoever caused it. */
    public ChatPost chatServerWrites(ChatUser causedBy, ChannelId channel, String message) {
        ChatPost post = chat.systemNotice(causedBy, channel, message);
        inbox.onChatEvent(new ChatEvent.MessagePosted(post, ChannelKind.DIRECT));
        return post;
    }

    /** A person posts in a group channel the bot is in; the bridge serves only direct channels. */
    public ChatPost userPostsInAGroup(ChatUser author, String message) {
        ChatPost post = chat.postAs(author, aliceDm, null, message);
        inbox.onChatEvent(new ChatEvent.MessagePosted(post, ChannelKind.GROUP));
        return post;
    }

    public void agentReports(SessionEvent event) {
        output.onSessionEvent(event);
    }

    /** A root session started in OpenCode, announced by the server and so given a thread in the owner's DM. */
    public ThreadMapping sessionWithThread(String title) {
        SessionInfo session = sessions.addSession(title, DIRECTORY, null);
        agentReports(new SessionEvent.SessionCreated(session));
        return mappings.findBySession(session.id()).orElseThrow();
    }

    /** The text of each prompt the session got, in order. */
    public List<String> promptTextsTo(SessionId session) {
        return sessions.promptsTo(session).stream()
                .map(Prompt::parts)
                .map(parts -> ((PromptPart.Text) parts.get(0)).text())
                .toList();
    }
}
