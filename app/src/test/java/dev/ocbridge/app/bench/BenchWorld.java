package dev.ocbridge.app.bench;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedChannel;
import dev.ocbridge.adapter.mattermost.emulator.EmulatedUser;
import dev.ocbridge.adapter.mattermost.emulator.MattermostEmulator;
import dev.ocbridge.adapter.opencode.OpenCodeConnection;
import dev.ocbridge.adapter.opencode.OpenCodeSettings;
import dev.ocbridge.adapter.opencode.testing.FakeLlm;
import dev.ocbridge.adapter.opencode.testing.OpenCodeTestServer;
import dev.ocbridge.app.e2e.BridgeProcess;
import dev.ocbridge.core.domain.NewSession;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.testing.FakeMetricsPort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Everything the benchmark runs against, as the end-to-end tests have it: the Mattermost emulator with a bot and
 * its owner alice, a real {@code opencode serve} behind the scripted fake LLM, and the bridge from the shaded jar
 * with only the settings it needs. Also the instruments: when posts were stored in chat, when OpenCode accepted
 * prompts and finished answers, and when the fake LLM started each answer.
 */
final class BenchWorld implements AutoCloseable {
    /** Sessions are created this many at a time while setting up: setting up is not measured. */
    private static final int CREATORS = 8;
    private static final Duration QUIET = Duration.ofSeconds(2);

    final BenchSettings settings;
    final ScriptedAnswers answers;
    final FakeLlm llm;
    final OpenCodeTestServer openCodeServer;
    final MattermostEmulator mattermost;
    final EmulatedUser bot;
    final EmulatedUser alice;
    final EmulatedChannel aliceDm;
    final Path project;
    final ChatTimeline chat;
    final OpenCodeTimeline openCodeEvents;
    private final OpenCodeConnection openCode;
    private final Path state;
    private final List<AutoCloseable> opened;

    /** Everything opened goes into {@code opened} at once, so that a failure half-way closes it again. */
    private BenchWorld(BenchSettings settings, List<AutoCloseable> opened) throws IOException {
        this.settings = settings;
        this.opened = opened;
        this.answers = new ScriptedAnswers(settings.chunks(), settings.chunkDelay());
        this.llm = opened(FakeLlm.start().respondWith(answers));
        this.project = Files.createTempDirectory("bench-project").toRealPath();
        this.openCodeServer = opened(OpenCodeTestServer.start(llm, project));
        this.mattermost = opened(new MattermostEmulator().start());
        this.bot = mattermost.createBot("opencode");
        this.alice = mattermost.createUser("alice");
        this.aliceDm = mattermost.directChannel(bot, alice);
        this.chat = new ChatTimeline(bot.id());
        mattermost.watchPosts(chat);
        this.openCodeEvents = opened(OpenCodeTimeline.listen(openCodeServer.baseUrl(), openCodeServer.password()));
        // The benchmark's own connection to OpenCode (creating sessions, the baselines); nobody reads its metrics.
        this.openCode = opened(new OpenCodeConnection(new OpenCodeSettings(openCodeServer.baseUrl(),
                openCodeServer.password().orElse(null), project.toString()), new FakeMetricsPort()));
        this.state = Files.createTempDirectory("bench-state");
    }

    static BenchWorld start(BenchSettings settings) throws IOException {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            return new BenchWorld(settings, opened);
        } catch (IOException | RuntimeException e) {
            closeAll(opened).ifPresent(e::addSuppressed);
            throw e;
        }
    }

    private <T extends AutoCloseable> T opened(T resource) {
        opened.add(0, resource);
        return resource;
    }

    SessionPort sessions() {
        return openCode.sessionPort();
    }

    /** Starts the bridge as a user would, with the required settings, a project and a state file of its own. */
    BridgeProcess startBridge() {
        Map<String, String> env = new HashMap<>();
        env.put("MATTERMOST_URL", mattermost.serverUrl().toString());
        env.put("MATTERMOST_TOKEN", bot.token());
        env.put("MATTERMOST_OWNER_USER_ID", alice.id());
        env.put("OPENCODE_URL", openCodeServer.baseUrl().toString());
        openCodeServer.password().ifPresent(password -> env.put("OPENCODE_SERVER_PASSWORD", password));
        env.put("OPENCODE_MM_DIRECTORY", project.toString());
        env.put("OPENCODE_MM_MAPPING_FILE", state.resolve("threads.json").toString());
        if (!settings.bridgeJvmOptions().isEmpty()) {
            env.put("JAVA_TOOL_OPTIONS", settings.bridgeJvmOptions());
        }
        BridgeProcess bridge = opened(BridgeProcess.start(env, state));
        Waiting.until("the bridge to start", settings.timeout(),
                () -> bridge.hasLogged("Bridge running"), () -> "not running yet",
                () -> bridge.isRunning() ? Optional.empty() : Optional.of("the bridge exited"));
        return bridge;
    }

    /** Creates sessions in the project, a few at a time, titled so that OpenCode does not ask for a title. */
    List<SessionInfo> createSessions(String round, int count) {
        ExecutorService creators = Executors.newFixedThreadPool(CREATORS);
        try {
            List<Future<SessionInfo>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String title = "Benchmark " + ScriptedAnswers.token(round, i);
                created.add(creators.submit(() -> sessions().createSession(new NewSession(title, project.toString()))));
            }
            List<SessionInfo> sessions = new ArrayList<>();
            for (Future<SessionInfo> session : created) {
                sessions.add(session.get());
            }
            return sessions;
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create the benchmark's sessions", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating sessions", e);
        } finally {
            creators.shutdownNow();
        }
    }

    /** CPU time used so far by the OpenCode server and the processes it started. */
    Duration openCodeCpu() {
        return ProcessHandle.current().children()
                .filter(child -> child.info().command().map(command -> command.contains("opencode")).orElse(false))
                .flatMap(server -> Stream.concat(Stream.of(server), server.descendants()))
                .map(ProcessStats::cpuOf)
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** Waits until chat has had no request for two seconds: what the bridge started before is done. */
    void awaitQuiet() {
        AtomicLong quietSince = new AtomicLong(System.nanoTime());
        AtomicReference<Map<String, Integer>> last = new AtomicReference<>(mattermost.requestCounts());
        Waiting.until("the bridge to fall quiet", settings.timeout(), () -> {
            Map<String, Integer> now = mattermost.requestCounts();
            if (!now.equals(last.getAndSet(now))) {
                quietSince.set(System.nanoTime());
            }
            return System.nanoTime() - quietSince.get() > QUIET.toNanos();
        }, () -> "chat still gets requests", Optional::empty);
    }

    @Override
    public void close() {
        closeAll(opened).ifPresent(failure -> {
            throw failure;
        });
    }

    /** Closes the newest first; returns what went wrong, if anything did. */
    private static Optional<RuntimeException> closeAll(List<AutoCloseable> resources) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("could not close " + resource, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return Optional.ofNullable(failure);
    }
}
