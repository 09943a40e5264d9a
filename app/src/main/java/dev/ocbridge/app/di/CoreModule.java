package dev.ocbridge.app.di;

import dagger.Module;
import dagger.Provides;
import dev.ocbridge.app.config.BridgeConfig;
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
import dev.ocbridge.core.domain.Backoff;
import dev.ocbridge.core.health.BridgeHealth;
import dev.ocbridge.core.inbox.ChatCatchUp;
import dev.ocbridge.core.inbox.ChatInboxService;
import dev.ocbridge.core.inbox.MainDmPrompts;
import dev.ocbridge.core.inbox.MessageRouter;
import dev.ocbridge.core.inbox.NewSessionInProject;
import dev.ocbridge.core.inbox.PromptDispatcher;
import dev.ocbridge.core.inbox.PromptFormatter;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.MappingStore;
import dev.ocbridge.core.port.out.MetricsPort;
import dev.ocbridge.core.port.out.SchedulerPort;
import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.projects.ProjectCatalog;
import dev.ocbridge.core.prompts.AttachedFiles;
import dev.ocbridge.core.prompts.PromptChoicesService;
import dev.ocbridge.core.prompts.QueuedPrompts;
import dev.ocbridge.core.progress.ProgressTracker;
import dev.ocbridge.core.settings.BridgeSettings;
import dev.ocbridge.core.texts.BridgeTexts;
import dev.ocbridge.core.texts.PromptTexts;
import dev.ocbridge.core.texts.ControlTexts;
import dev.ocbridge.core.threads.BotIdentity;
import dev.ocbridge.core.threads.SessionReconciler;
import dev.ocbridge.core.threads.ThreadManager;
import dev.ocbridge.core.work.SerialQueues;

import javax.inject.Named;
import javax.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/** The use cases of core, which know nothing of Dagger, wired here. */
@Module
public final class CoreModule {
    private CoreModule() {
    }

    @Provides
    @Singleton
    static BridgeSettings settings(BridgeConfig config, @Named("version") String version) {
        return new BridgeSettings(version, config.directory(), config.mainDmMode(), config.editInterval(),
                config.maxPostLength(), config.adoptWindow());
    }

    @Provides
    @Singleton
    static SerialQueues queues(ExecutorService workers) {
        return new SerialQueues(workers);
    }

    @Provides
    @Singleton
    static BridgeTexts texts(BridgeSettings settings) {
        return new BridgeTexts(settings.mainDmMode());
    }

    @Provides
    @Singleton
    static BridgeHealth health(Clock clock) {
        return new BridgeHealth(clock);
    }

    /** Closed by default: {@link dev.ocbridge.app.config.ConfigLoader} refuses to start with nobody named. */
    @Provides
    @Singleton
    static AccessPolicy access(BridgeConfig config) {
        return config.allowAnyone() ? AccessPolicy.anyone()
                : new AccessPolicy(config.owner(), config.allowedUsers());
    }

    @Provides
    @Singleton
    static BotIdentity identity(ChatPort chat, BridgeConfig config) {
        return new BotIdentity(chat, config.owner());
    }

    @Provides
    @Singleton
    static ThreadManager threads(ChatPort chat, SessionPort sessions, MappingStore mappings, BridgeTexts texts,
                                 Clock clock) {
        return new ThreadManager(chat, sessions, mappings, texts, clock);
    }

    @Provides
    @Singleton
    static SessionReconciler reconciler(SessionPort sessions, MappingStore mappings, ThreadManager threads,
                                        BotIdentity identity, BridgeSettings settings, Clock clock) {
        return new SessionReconciler(sessions, mappings, threads, identity, settings, clock);
    }

    @Provides
    @Singleton
    static ProjectCatalog catalog(SessionPort sessions, BridgeSettings settings) {
        return new ProjectCatalog(sessions, settings);
    }

    @Provides
    @Singleton
    static ControlTexts controlTexts() {
        return new ControlTexts();
    }

    @Provides
    @Singleton
    static SessionWork sessionWork(SerialQueues queues, SchedulerPort scheduler) {
        return new SessionWork(queues, scheduler);
    }

    @Provides
    @Singleton
    static RequestBoard requests(ChatPort chat, MappingStore mappings, ControlTexts texts) {
        return new RequestBoard(chat, mappings, texts);
    }

    @Provides
    @Singleton
    static RequestThreads requestThreads(MappingStore mappings, SessionPort sessions, ChatPort chat) {
        return new RequestThreads(mappings, sessions, chat);
    }

    @Provides
    @Singleton
    static PermissionDesk permissions(SessionPort sessions, ChatPort chat, RequestBoard board, RequestThreads threads,
                                      SessionWork work, ControlTexts texts) {
        return new PermissionDesk(sessions, chat, board, threads, work, texts);
    }

    @Provides
    @Singleton
    static QuestionDesk questions(SessionPort sessions, ChatPort chat, RequestBoard board, RequestThreads threads,
                                  SessionWork work, ControlTexts texts) {
        return new QuestionDesk(sessions, chat, board, threads, work, texts);
    }

    @Provides
    @Singleton
    static StopHandler stops(SessionPort sessions, ChatPort chat, MappingStore mappings, BotIdentity identity,
                             RequestBoard board, PermissionDesk permissions, QuestionDesk questions, SessionWork work,
                             BridgeTexts texts, ControlTexts controlTexts) {
        return new StopHandler(sessions, chat, mappings, identity, board, permissions, questions, work, texts,
                controlTexts);
    }

    @Provides
    @Singleton
    static ChatControl control(ChatPort chat, BotIdentity identity, AccessPolicy access, RequestBoard board,
                               PermissionDesk permissions, QuestionDesk questions, StopHandler stops,
                               SessionWork work) {
        return new ChatControl(chat, identity, access, board, permissions, questions, stops, work);
    }

    @Provides
    @Singleton
    static PromptTexts promptTexts(BridgeSettings settings) {
        return new PromptTexts(settings.maxPostLength());
    }

    @Provides
    @Singleton
    static PromptChoicesService choices(MappingStore mappings) {
        return new PromptChoicesService(mappings);
    }

    @Provides
    @Singleton
    static QueuedPrompts queuedPrompts(ChatPort chat, SerialQueues queues) {
        return new QueuedPrompts(chat, queues);
    }

    @Provides
    @Singleton
    static CommandService commands(ChatPort chat, MappingStore mappings, ProjectCatalog catalog, BridgeHealth health,
                                   BridgeSettings settings, BridgeTexts texts, AccessPolicy access,
                                   SessionPort sessions, PromptChoicesService choices, PromptTexts promptTexts,
                                   StopHandler stops, RequestBoard requests) {
        return new CommandService(chat, mappings, catalog, health, settings, texts, access,
                new ChoiceCommands(sessions, choices, promptTexts), new DiffCommand(sessions, chat, promptTexts),
                stops, requests);
    }

    @Provides
    @Singleton
    static PromptDispatcher dispatcher(SessionPort sessions, ChatPort chat, ThreadManager threads, BridgeTexts texts,
                                       MetricsPort metrics, Clock clock, BridgeConfig config,
                                       PromptChoicesService choices, QueuedPrompts queued, PromptTexts promptTexts) {
        return new PromptDispatcher(sessions, chat, threads, new PromptFormatter(), texts, metrics, clock,
                new AttachedFiles(chat, config.maxFileBytes()), choices, queued, promptTexts);
    }

    @Provides
    @Singleton
    static MainDmPrompts mainDm(BridgeSettings settings, ThreadManager threads, MappingStore mappings,
                                PromptDispatcher dispatcher, CommandService commands, ChatPort chat,
                                BridgeTexts texts, PromptChoicesService choices) {
        return new MainDmPrompts(settings, threads, mappings, dispatcher, commands, chat, texts, choices);
    }

    @Provides
    @Singleton
    static NewSessionInProject newSessions(ProjectCatalog catalog, MainDmPrompts mainDm, BridgeSettings settings,
                                           ChatPort chat, BridgeTexts texts) {
        return new NewSessionInProject(catalog, mainDm, settings, chat, texts);
    }

    @Provides
    @Singleton
    static ChatInboxService inbox(ChatPort chat, BotIdentity identity, AccessPolicy access, ThreadManager threads,
                                  CommandService commands, PromptDispatcher dispatcher, MainDmPrompts mainDm,
                                  NewSessionInProject newSessions, BridgeHealth health, BridgeTexts texts,
                                  SerialQueues queues, SchedulerPort scheduler, Clock clock, ChatControl control,
                                  MappingStore store) {
        return new ChatInboxService(chat, identity, access, new MessageRouter(threads), commands, dispatcher, mainDm,
                newSessions, health, texts, queues, scheduler, clock, control, store);
    }

    @Provides
    @Singleton
    static ChatCatchUp catchUp(ChatPort chat, MappingStore store, ChatInboxService inbox, SerialQueues queues,
                               SchedulerPort scheduler, Clock clock) {
        return new ChatCatchUp(chat, store, inbox, queues, scheduler, Backoff.UNTIL_CHAT_IS_BACK, clock);
    }

    @Provides
    @Singleton
    static ResponseStreams streams(ChatPort chat, SchedulerPort scheduler, Clock clock, BridgeSettings settings,
                                   BridgeTexts texts, SerialQueues queues, MetricsPort metrics,
                                   MappingStore store) {
        return new ResponseStreams(chat, scheduler, clock, settings, texts, queues, metrics, store);
    }

    @Provides
    @Singleton
    static ProgressTracker progress(ChatPort chat, SchedulerPort scheduler, Clock clock, SerialQueues queues,
                                    BridgeConfig config) {
        return new ProgressTracker(chat, scheduler, clock, queues, config.progress());
    }

    @Provides
    @Singleton
    static AgentOutputService output(ThreadManager threads, ResponseStreams streams, BotIdentity identity,
                                     SessionReconciler reconciler, BridgeHealth health, BridgeSettings settings,
                                     Clock clock, SerialQueues queues, SchedulerPort scheduler,
                                     QueuedPrompts queuedPrompts, PermissionDesk permissions, QuestionDesk questions,
                                     StopHandler stops, ProgressTracker progress, AnswerRecovery recovery) {
        return new AgentOutputService(threads, streams, identity, reconciler, health, settings, clock, queues,
                scheduler, queuedPrompts, permissions, questions, stops, progress, recovery);
    }

    @Provides
    @Singleton
    static AnswerRecovery recovery(SessionPort sessions, MappingStore store, ThreadManager threads,
                                   ResponseStreams streams, SerialQueues queues, ProgressTracker progress) {
        return new AnswerRecovery(sessions, store, threads, streams, queues, progress);
    }
}
