package dev.ocbridge.app.di;

import dagger.Module;
import dagger.Provides;
import dev.ocbridge.app.config.BridgeConfig;
import dev.ocbridge.core.access.AccessPolicy;
import dev.ocbridge.core.agent.AgentOutputService;
import dev.ocbridge.core.answers.ResponseStreams;
import dev.ocbridge.core.commands.CommandService;
import dev.ocbridge.core.health.BridgeHealth;
import dev.ocbridge.core.inbox.ChatInboxService;
import dev.ocbridge.core.inbox.MainDmPrompts;
import dev.ocbridge.core.inbox.MessageRouter;
import dev.ocbridge.core.inbox.PromptDispatcher;
import dev.ocbridge.core.inbox.PromptFormatter;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.MappingStore;
import dev.ocbridge.core.port.out.MetricsPort;
import dev.ocbridge.core.port.out.SchedulerPort;
import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.settings.BridgeSettings;
import dev.ocbridge.core.texts.BridgeTexts;
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
        return new BridgeSettings(version, config.directory().toString(), config.mainDmMode(), config.editInterval(),
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
    static CommandService commands(ChatPort chat, MappingStore mappings, BridgeHealth health,
                                   BridgeSettings settings, BridgeTexts texts, AccessPolicy access) {
        return new CommandService(chat, mappings, health, settings, texts, access);
    }

    @Provides
    @Singleton
    static PromptDispatcher dispatcher(SessionPort sessions, ChatPort chat, ThreadManager threads, BridgeTexts texts,
                                       MetricsPort metrics, Clock clock) {
        return new PromptDispatcher(sessions, chat, threads, new PromptFormatter(), texts, metrics, clock);
    }

    @Provides
    @Singleton
    static MainDmPrompts mainDm(BridgeSettings settings, ThreadManager threads, MappingStore mappings,
                                PromptDispatcher dispatcher, CommandService commands, ChatPort chat,
                                BridgeTexts texts) {
        return new MainDmPrompts(settings, threads, mappings, dispatcher, commands, chat, texts);
    }

    @Provides
    @Singleton
    static ChatInboxService inbox(ChatPort chat, BotIdentity identity, AccessPolicy access, MappingStore mappings,
                                  CommandService commands, PromptDispatcher dispatcher, MainDmPrompts mainDm,
                                  BridgeHealth health, BridgeTexts texts, SerialQueues queues,
                                  SchedulerPort scheduler, Clock clock) {
        return new ChatInboxService(chat, identity, access,
                new MessageRouter(mappings), commands, dispatcher, mainDm, health, texts, queues, scheduler, clock);
    }

    @Provides
    @Singleton
    static ResponseStreams streams(ChatPort chat, SchedulerPort scheduler, Clock clock, BridgeSettings settings,
                                   BridgeTexts texts, SerialQueues queues, MetricsPort metrics) {
        return new ResponseStreams(chat, scheduler, clock, settings, texts, queues, metrics);
    }

    @Provides
    @Singleton
    static AgentOutputService output(ThreadManager threads, ResponseStreams streams, BotIdentity identity,
                                     SessionReconciler reconciler, BridgeHealth health, BridgeSettings settings,
                                     Clock clock, SerialQueues queues, SchedulerPort scheduler) {
        return new AgentOutputService(threads, streams, identity, reconciler, health, settings, clock, queues,
                scheduler);
    }
}
