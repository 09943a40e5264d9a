package dev.ocbridge.core.testing;

import dev.ocbridge.core.access.AccessPolicy;
import dev.ocbridge.core.agent.AgentOutputService;
import dev.ocbridge.core.answers.ResponseStreams;
import dev.ocbridge.core.commands.CommandService;
import dev.ocbridge.core.control.ChatControl;
import dev.ocbridge.core.control.PermissionDesk;
import dev.ocbridge.core.control.QuestionDesk;
import dev.ocbridge.core.control.RequestBoard;
import dev.ocbridge.core.control.RequestThreads;
import dev.ocbridge.core.control.SessionWork;
import dev.ocbridge.core.control.StopHandler;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.Prompt;
import dev.ocbridge.core.domain.PromptPart;
import dev.ocbridge.core.domain.Reaction;
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
import dev.ocbridge.core.texts.ControlTexts;
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

    public final MutableClock clock;
    public final ManualScheduler scheduler;
    public final ChatUser bot;
    public final FakeChatPort chat;
    public final FakeSessionPort sessions;
    public final InMemoryMappingStore mappings;
    public final ChatUser alice;
    public final ChatUser bob;
    public final ChatUser otherBot;
    public final ChannelId aliceDm;
    public final ChannelId bobDm;
    public final ThreadManager threads;
    public final SessionReconciler reconciler;
    public final ChatInboxService inbox;
    public final AgentOutputService output;
    public final BridgeSettings settings;
    public final RequestBoard requests;

    private final boolean aliceOwnsTheBot;
    private final Set<String> allowedUsernames;
    private final MainDmMode mode;

    private CoreTestKit(boolean aliceOwnsTheBot, Set<String> allowedUsernames, MainDmMode mode) {
        this(null, aliceOwnsTheBot, allowedUsernames, mode);
    }

    /** The services afresh over the world of {@code before} (its chat server, agent server and state), or a new world. */
    private CoreTestKit(CoreTestKit before, boolean aliceOwnsTheBot, Set<String> allowedUsernames, MainDmMode mode) {
        this.aliceOwnsTheBot = aliceOwnsTheBot;
        this.allowedUsernames = Set.copyOf(allowedUsernames);
        this.mode = mode;
        if (before == null) {
            clock = new MutableClock(START);
            scheduler = new ManualScheduler(clock);
            bot = new ChatUser(new UserId("bot"), "opencode-bot", true);
            chat = new FakeChatPort(clock, bot);
            sessions = new FakeSessionPort(clock);
            mappings = new InMemoryMappingStore();
            alice = chat.addUser("alice", false);
            bob = chat.addUser("bob", false);
            otherBot = chat.addUser("ci-bot", true);
            aliceDm = chat.directChannelWith(alice.id());
            bobDm = chat.directChannelWith(bob.id());
        } else {
            clock = before.clock;
            scheduler = new ManualScheduler(clock);
            bot = before.bot;
            chat = before.chat;
            sessions = before.sessions;
            mappings = before.mappings;
            alice = before.alice;
            bob = before.bob;
            otherBot = before.otherBot;
            aliceDm = before.aliceDm;
            bobDm = before.bobDm;
        }
        Optional<UserId> owner = aliceOwnsTheBot ? Optional.of(alice.id()) : Optional.empty();
        Set<UserId> allowed = allowedUsernames.stream()
                .map(name -> chat.userByUsername(name).orElseThrow().id())
                .collect(Collectors.toSet());
        settings = new BridgeSettings("1.2.3", DIRECTORY, mode, Duration.ofMillis(500), 15_000, Duration.ofHours(1));
        BridgeTexts texts = new BridgeTexts(mode);
        SerialQueues queues = new SerialQueues(Runnable::run);
        BridgeHealth health = new BridgeHealth(clock);
        BotIdentity identity = new BotIdentity(chat, owner);
        threads = new ThreadManager(chat, sessions, mappings, texts, clock);
        reconciler = new SessionReconciler(sessions, mappings, threads, identity, settings, clock);
        AccessPolicy access = new AccessPolicy(owner, allowed);
        ControlTexts controlTexts = new ControlTexts();
        SessionWork work = new SessionWork(queues, scheduler);
        requests = new RequestBoard(chat, mappings, controlTexts);
        RequestThreads requestThreads = new RequestThreads(mappings, sessions, chat);
        PermissionDesk permissions = new PermissionDesk(sessions, chat, requests, requestThreads, work, controlTexts);
        QuestionDesk questions = new QuestionDesk(sessions, chat, requests, requestThreads, work, controlTexts);
        StopHandler stops = new StopHandler(sessions, chat, mappings, identity, requests, permissions, questions, work,
                texts, controlTexts);
        ChatControl control = new ChatControl(chat, identity, access, requests, permissions, questions, stops, work);
        CommandService commands = new CommandService(chat, mappings, health, settings, texts, stops, requests);
        PromptDispatcher dispatcher = new PromptDispatcher(sessions, chat, threads, new PromptFormatter(), texts);
        MainDmPrompts mainDm = new MainDmPrompts(settings, threads, mappings, dispatcher, commands, chat, texts);
        inbox = new ChatInboxService(chat, identity, access, new MessageRouter(mappings), commands, dispatcher, mainDm,
                health, texts, queues, scheduler, control);
        ResponseStreams streams = new ResponseStreams(chat, scheduler, clock, settings, texts, queues);
        output = new AgentOutputService(threads, streams, identity, reconciler, health, settings, clock, queues,
                scheduler, permissions, questions, stops);
    }

    /**
     * The bridge restarted: services with nothing in memory over the same chat server, agent server and state
     * file. This kit's timers are left behind, as a stopped process leaves them.
     */
    public CoreTestKit restart() {
        return new CoreTestKit(this, aliceOwnsTheBot, allowedUsernames, mode);
    }

    /** Alice owns the bot; new-session mode in the main DM. */
    public static CoreTestKit aliceOwnsTheBot() {
        return aliceOwnsTheBot(MainDmMode.NEW_SESSION);
    }

    public static CoreTestKit aliceOwnsTheBot(MainDmMode mode) {
        return new CoreTestKit(true, Set.of(), mode);
    }

    /** No owner: anyone who DMs the bot, or only the named users when some are given. */
    public static CoreTestKit noOwner(String... allowedUsernames) {
        return new CoreTestKit(false, Set.of(allowedUsernames), MainDmMode.NEW_SESSION);
    }

    /** A person posts in a direct channel and the chat adapter reports it. */
    public ChatPost userPosts(ChatUser author, ChannelId channel, PostId root, String message) {
        ChatPost post = chat.postAs(author, channel, root, message);
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

    /** A person reacts to a post and the chat adapter reports it. */
    public Reaction userReacts(ChatUser person, PostId post, String emojiName) {
        Reaction reaction = chat.reactAs(person, post, emojiName);
        inbox.onChatEvent(new ChatEvent.ReactionAdded(reaction));
        return reaction;
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
