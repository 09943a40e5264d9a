package dev.ocbridge.core.testing;

import dev.ocbridge.core.access.AccessPolicy;
import dev.ocbridge.core.agent.AgentOutputService;
import dev.ocbridge.core.agent.AnswerRecovery;
import dev.ocbridge.core.answers.ResponseStreams;
import dev.ocbridge.core.commands.ChoiceCommands;
import dev.ocbridge.core.commands.CommandService;
import dev.ocbridge.core.commands.DiffCommand;
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
import dev.ocbridge.core.domain.FileId;
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
import dev.ocbridge.core.inbox.NewSessionInProject;
import dev.ocbridge.core.inbox.PromptDispatcher;
import dev.ocbridge.core.inbox.PromptFormatter;
import dev.ocbridge.core.projects.ProjectCatalog;
import dev.ocbridge.core.prompts.AttachedFiles;
import dev.ocbridge.core.prompts.PromptChoicesService;
import dev.ocbridge.core.prompts.QueuedPrompts;
import dev.ocbridge.core.progress.ProgressSettings;
import dev.ocbridge.core.progress.ProgressTracker;
import dev.ocbridge.core.settings.BridgeSettings;
import dev.ocbridge.core.settings.MainDmMode;
import dev.ocbridge.core.texts.BridgeTexts;
import dev.ocbridge.core.texts.PromptTexts;
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
    /** Where the fake agent server works, and where sessions started elsewhere work. */
    public static final String DIRECTORY = "/home/dev/projA";

    public final MutableClock clock;
    public final ManualScheduler scheduler;
    public final ChatUser bot;
    public final FakeChatPort chat;
    public final FakeSessionPort sessions;
    public final InMemoryMappingStore mappings;
    public final FakeMetricsPort metrics;
    public final ChatUser alice;
    public final ChatUser bob;
    public final ChatUser otherBot;
    public final ChannelId aliceDm;
    public final ChannelId bobDm;
    public final ThreadManager threads;
    public final SessionReconciler reconciler;
    public final ChatInboxService inbox;
    public final AgentOutputService output;
    public final ResponseStreams streams;
    public final BridgeSettings settings;
    public final BridgeHealth health;
    public final AccessPolicy access;
    public final RequestBoard requests;
    /** The largest file the kit's bridge takes with a prompt. */
    public static final long MAX_FILE_BYTES = 1024;

    private final boolean aliceOwnsTheBot;
    private final Set<String> allowedUsernames;
    private final boolean anyone;
    private final MainDmMode mode;
    private final Optional<String> configuredDirectory;
    private final ProgressSettings progress;

    private CoreTestKit(boolean aliceOwnsTheBot, Set<String> allowedUsernames, boolean anyone, MainDmMode mode,
                        Optional<String> configuredDirectory) {
        this(null, aliceOwnsTheBot, allowedUsernames, anyone, mode, configuredDirectory, ProgressSettings.DEFAULT);
    }

    /** The services afresh over the world of {@code before} (its chat server, agent server and state), or a new world. */
    private CoreTestKit(CoreTestKit before, boolean aliceOwnsTheBot, Set<String> allowedUsernames, boolean anyone,
                        MainDmMode mode, Optional<String> configuredDirectory, ProgressSettings progress) {
        this.aliceOwnsTheBot = aliceOwnsTheBot;
        this.allowedUsernames = Set.copyOf(allowedUsernames);
        this.anyone = anyone;
        this.mode = mode;
        this.configuredDirectory = configuredDirectory;
        this.progress = progress;
        if (before == null) {
            clock = new MutableClock(START);
            scheduler = new ManualScheduler(clock);
            bot = new ChatUser(new UserId("bot"), "opencode-bot", true);
            chat = new FakeChatPort(clock, bot);
            sessions = new FakeSessionPort(clock, DIRECTORY);
            mappings = new InMemoryMappingStore();
            metrics = new FakeMetricsPort();
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
            metrics = before.metrics;
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
        access = anyone ? AccessPolicy.anyone() : new AccessPolicy(owner, allowed);
        settings = new BridgeSettings("1.2.3", configuredDirectory, mode, Duration.ofMillis(500), 15_000,
                Duration.ofHours(1));
        BridgeTexts texts = new BridgeTexts(mode);
        SerialQueues queues = new SerialQueues(Runnable::run);
        health = new BridgeHealth(clock);
        BotIdentity identity = new BotIdentity(chat, owner);
        threads = new ThreadManager(chat, sessions, mappings, texts, clock);
        reconciler = new SessionReconciler(sessions, mappings, threads, identity, settings, clock);
        ProjectCatalog catalog = new ProjectCatalog(sessions, settings);
        ControlTexts controlTexts = new ControlTexts();
        SessionWork work = new SessionWork(queues, scheduler);
        requests = new RequestBoard(chat, mappings, controlTexts);
        RequestThreads requestThreads = new RequestThreads(mappings, sessions, chat);
        PermissionDesk permissions = new PermissionDesk(sessions, chat, requests, requestThreads, work, controlTexts);
        QuestionDesk questions = new QuestionDesk(sessions, chat, requests, requestThreads, work, controlTexts);
        StopHandler stops = new StopHandler(sessions, chat, mappings, identity, requests, permissions, questions, work,
                texts, controlTexts);
        ChatControl control = new ChatControl(chat, identity, access, requests, permissions, questions, stops, work);
        PromptTexts promptTexts = new PromptTexts(settings.maxPostLength());
        PromptChoicesService choices = new PromptChoicesService(mappings);
        QueuedPrompts queued = new QueuedPrompts(chat, queues);
        CommandService commands = new CommandService(chat, mappings, catalog, health, settings, texts, access,
                new ChoiceCommands(sessions, choices, promptTexts), new DiffCommand(sessions, chat, promptTexts),
                stops, requests);
        PromptDispatcher dispatcher = new PromptDispatcher(sessions, chat, threads, new PromptFormatter(), texts,
                metrics, clock, new AttachedFiles(chat, MAX_FILE_BYTES), choices, queued, promptTexts);
        MainDmPrompts mainDm = new MainDmPrompts(settings, threads, mappings, dispatcher, commands, chat, texts,
                choices);
        NewSessionInProject newSessions = new NewSessionInProject(catalog, mainDm, settings, chat, texts);
        inbox = new ChatInboxService(chat, identity, access,
                new MessageRouter(threads), commands, dispatcher, mainDm, newSessions, health, texts, queues,
                scheduler, clock, control, mappings);
        streams = new ResponseStreams(chat, scheduler, clock, settings, texts, queues, metrics, mappings);
        ProgressTracker tracker = new ProgressTracker(chat, scheduler, clock, queues, progress);
        output = new AgentOutputService(threads, streams, identity, reconciler, health, settings, clock, queues,
                scheduler, queued, permissions, questions, stops, tracker,
                new AnswerRecovery(sessions, mappings, threads, streams, queues, tracker));
    }

    /**
     * The bridge restarted: services with nothing in memory over the same chat server, agent server and state
     * file. This kit's timers are left behind, as a stopped process leaves them.
     */
    public CoreTestKit restart() {
        return new CoreTestKit(this, aliceOwnsTheBot, allowedUsernames, anyone, mode, configuredDirectory, progress);
    }

    /** Alice owns the bot; new-session mode in the main DM. */
    public static CoreTestKit aliceOwnsTheBot() {
        return aliceOwnsTheBot(MainDmMode.NEW_SESSION);
    }

    public static CoreTestKit aliceOwnsTheBot(MainDmMode mode) {
        return new CoreTestKit(true, Set.of(), false, mode, Optional.empty());
    }

    /** Alice owns the bot, and the thread shows as much of the agent's work as the settings say. */
    public static CoreTestKit aliceOwnsTheBot(ProgressSettings progress) {
        return new CoreTestKit(null, true, Set.of(), false, MainDmMode.NEW_SESSION, Optional.empty(), progress);
    }

    /** Alice owns the bot, and the operator sends sessions started from chat to {@code directory}. */
    public static CoreTestKit aliceOwnsTheBotWithDirectory(String directory) {
        return new CoreTestKit(true, Set.of(), false, MainDmMode.NEW_SESSION, Optional.of(directory));
    }

    /** No owner: only the named users are served, nobody when none are named. */
    public static CoreTestKit noOwner(String... allowedUsernames) {
        return new CoreTestKit(false, Set.of(allowedUsernames), false, MainDmMode.NEW_SESSION, Optional.empty());
    }

    /** No owner, no list, and the operator said explicitly that anyone who can message the bot may drive it. */
    public static CoreTestKit anyoneMayDriveIt() {
        return new CoreTestKit(false, Set.of(), true, MainDmMode.NEW_SESSION, Optional.empty());
    }

    /** A person posts in a direct channel and the chat adapter reports it. */
    public ChatPost userPosts(ChatUser author, ChannelId channel, PostId root, String message) {
        return userPosts(author, channel, root, message, List.of());
    }

    /** The same, with files the person uploaded. */
    public ChatPost userPosts(ChatUser author, ChannelId channel, PostId root, String message, List<FileId> files) {
        ChatPost post = chat.postAs(author, channel, root, message, files);
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
