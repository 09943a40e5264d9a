package dev.ocbridge.app.e2e;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedChannel;
import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.adapter.mattermost.emulator.EmulatedUser;
import dev.ocbridge.adapter.mattermost.emulator.MattermostEmulator;
import dev.ocbridge.adapter.opencode.OpenCodeConnection;
import dev.ocbridge.adapter.opencode.OpenCodeSettings;
import dev.ocbridge.adapter.opencode.testing.FakeLlm;
import dev.ocbridge.adapter.opencode.testing.LlmReply;
import dev.ocbridge.adapter.opencode.testing.OpenCodeTestServer;
import dev.ocbridge.core.domain.NewSession;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.testing.FakeMetricsPort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The world of an end-to-end test: a Mattermost emulator with a bot and people, the real OpenCode server
 * behind a scripted fake LLM (shared by the test class, it is slow to start, and emptied of sessions before
 * each test), a fresh project directory per test, and the bridge started from the shaded jar as a service
 * would be: with only the required settings, from a working directory of its own that is not the server's, and
 * with a {@code HOME} of its own, so its state file is the default one under that {@code HOME}.
 */
abstract class EndToEndTest {
    /** What a log line shows when a {@code {0}} (System.Logger) or {@code {}} (SLF4J) was left unfilled. */
    private static final Pattern UNFILLED_PLACEHOLDER = Pattern.compile("\\{\\d*}");
    /** The prefix of the supervised OpenCode server's own output, which is not the bridge's to fill. */
    private static final String OPENCODE_OUTPUT = "[opencode]";
    private static final Pattern OPERATIONS_ENDPOINT = Pattern.compile("Operations endpoint at (http://\\S+/)");

    private static final int EVERY_SESSION = 10_000;
    protected static FakeLlm llm;
    protected static OpenCodeTestServer openCodeServer;
    /** Where the OpenCode server works: where sessions started from chat go by default. */
    protected static Path serverDirectory;

    protected MattermostEmulator mattermost;
    protected EmulatedUser bot;
    protected EmulatedUser alice;
    protected EmulatedUser mallory;
    protected EmulatedChannel aliceDm;
    /** A project the test's own sessions are created in, as someone working in the OpenCode TUI would. */
    protected Path project;
    protected Path bridgeHome;
    protected Path bridgeWorkingDirectory;
    /** The state file the bridge uses by default: under its {@code HOME}. */
    protected Path mappingFile;
    protected OpenCodeConnection openCode;
    private final List<BridgeProcess> bridges = new ArrayList<>();

    @BeforeAll
    static void startOpenCode() throws IOException {
        llm = FakeLlm.start();
        serverDirectory = Files.createTempDirectory("e2e-server").toRealPath();
        openCodeServer = OpenCodeTestServer.start(llm, serverDirectory);
    }

    @AfterAll
    static void stopOpenCode() {
        if (openCodeServer != null) {
            openCodeServer.close();
        }
        if (llm != null) {
            llm.close();
        }
    }

    @BeforeEach
    void createWorld() throws IOException {
        llm.reset();
        mattermost = new MattermostEmulator().start();
        bot = mattermost.createBot("opencode");
        alice = mattermost.createUser("alice");
        mallory = mattermost.createUser("mallory");
        aliceDm = mattermost.directChannel(bot, alice);
        project = Files.createTempDirectory("e2e-project").toRealPath();
        bridgeHome = Files.createTempDirectory("e2e-bridge-home").toRealPath();
        bridgeWorkingDirectory = Files.createTempDirectory("e2e-bridge-cwd").toRealPath();
        mappingFile = bridgeHome.resolve(".config/opencode/mattermost-threads.json");
        openCode = new OpenCodeConnection(new OpenCodeSettings(openCodeServer.baseUrl(),
                openCodeServer.password().orElse(null), project.toString()), new FakeMetricsPort());
        deleteEverySession();
    }

    /**
     * Sessions of earlier tests would be adopted by this test's bridge: every project starts empty. A connection
     * of its own, closed at once, leaves no pooled connection behind for a test that restarts the server.
     */
    private static void deleteEverySession() {
        try (OpenCodeConnection cleaning = new OpenCodeConnection(new OpenCodeSettings(openCodeServer.baseUrl(),
                openCodeServer.password().orElse(null), null), new FakeMetricsPort())) {
            SessionPort server = cleaning.sessionPort();
            for (SessionInfo session : server.recentRootSessions(Instant.EPOCH, EVERY_SESSION)) {
                server.deleteSession(session.id());
            }
        }
    }

    @AfterEach
    void tearDownWorld() {
        for (BridgeProcess bridge : bridges) {
            bridge.close();
            assertThat(String.join("\n", bridge.output()))
                    .as("the bridge's output never shows the bot token")
                    .doesNotContain(bot.token());
            assertThat(bridge.output().stream().filter(line -> !line.contains(OPENCODE_OUTPUT)))
                    .as("every placeholder of the bridge's log lines is filled")
                    .noneMatch(line -> UNFILLED_PLACEHOLDER.matcher(line).find());
        }
        openCode.close();
        mattermost.close();
    }

    protected BridgeProcess startBridge() {
        return startBridge(Map.of());
    }

    /**
     * Alice owns the bot unless the extra settings say otherwise; returns once the bridge runs. The bridge gets
     * the required settings only (and a shorter edit interval, to keep the tests quick); an empty value in the
     * extra settings removes a setting.
     */
    protected BridgeProcess startBridge(Map<String, String> extraSettings) {
        BridgeProcess bridge = launchBridge(extraSettings);
        Eventually.awaitTrue("the bridge to start", () -> bridge.hasLogged("Bridge running") || !bridge.isRunning());
        // Why it exited is in its output; a failure on CI shows only the end of the build log.
        assertThat(bridge.isRunning()).as("the bridge is running; it wrote:%n%s", String.join("\n", bridge.output()))
                .isTrue();
        return bridge;
    }

    /** Starts the bridge process without waiting for it to come up. */
    protected BridgeProcess launchBridge(Map<String, String> extraSettings) {
        Map<String, String> env = bridgeEnvironment();
        env.putAll(extraSettings);
        env.values().removeIf(String::isEmpty);
        BridgeProcess bridge = BridgeProcess.start(env, bridgeWorkingDirectory);
        bridges.add(bridge);
        return bridge;
    }

    /** The settings every bridge of a test gets; an empty value stands for "not set". */
    protected Map<String, String> bridgeEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("MATTERMOST_URL", mattermost.serverUrl().toString());
        env.put("MATTERMOST_TOKEN", bot.token());
        env.put("MATTERMOST_OWNER_USER_ID", alice.id());
        env.put("OPENCODE_URL", openCodeServer.baseUrl().toString());
        openCodeServer.password().ifPresent(password -> env.put("OPENCODE_SERVER_PASSWORD", password));
        env.put("OPENCODE_MM_EDIT_INTERVAL_MS", "200");
        env.put("HOME", bridgeHome.toString());
        // Any free port: bridges of parallel test runs on one machine must not fight over the default one
        // (OperationsIT covers the default address); the bridge logs the port it got.
        env.put("OPENCODE_MM_HTTP_ADDRESS", "127.0.0.1:0");
        return env;
    }

    /** The base URL of the bridge's health, readiness and metrics endpoint, once it has logged it. */
    protected static URI operationsUrl(BridgeProcess bridge) {
        return Eventually.await("the operations endpoint in the log", () -> bridge.output().stream()
                .map(OPERATIONS_ENDPOINT::matcher).filter(Matcher::find).map(matcher -> URI.create(matcher.group(1)))
                .findFirst());
    }

    protected SessionPort sessions() {
        return openCode.sessionPort();
    }

    protected SessionInfo createSession(String title) {
        return createSessionIn(project, title);
    }

    protected SessionInfo createSessionIn(Path directory, String title) {
        return sessions().createSession(new NewSession(title, directory.toString()));
    }

    /** The root sessions of every project on the server, newest first. */
    protected List<SessionInfo> allSessions() {
        return sessions().recentRootSessions(Instant.EPOCH, EVERY_SESSION);
    }

    /** A sub-agent session, as the task tool creates them: POST /session with a parent. */
    protected SessionInfo createChildSession(SessionInfo parent) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(openCodeServer.baseUrl().resolve(
                        "/session?directory=" + URLEncoder.encode(project.toString(), StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"title\":\"Sub task\",\"parentID\":\"" + parent.id() + "\"}"));
        openCodeServer.password().ifPresent(password -> request.header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(("opencode:" + password).getBytes(StandardCharsets.UTF_8))));
        // OpenCode's server never answers the HTTP/2 upgrade the JDK client tries first.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return sessions().listSessions().stream()
                .filter(session -> parent.id().equals(session.parentId()))
                .findFirst().orElseThrow();
    }

    protected List<EmulatedPost> botPostsIn(String channelId) {
        return mattermost.postsIn(channelId).stream().filter(post -> post.userId().equals(bot.id())).toList();
    }

    protected EmulatedPost awaitBotPost(String channelId, String what, Predicate<EmulatedPost> matching) {
        return Eventually.await(what, () -> botPostsIn(channelId).stream().filter(matching).findFirst());
    }

    protected EmulatedPost awaitThreadRoot(SessionInfo session) {
        return awaitBotPost(aliceDm.id(), "the thread of session " + session.id(),
                post -> post.rootId().isEmpty() && post.message().contains(session.shortId()));
    }

    /** The bot's replies in a thread, oldest first. */
    protected List<EmulatedPost> botReplies(String rootId) {
        return mattermost.threadOf(rootId).stream()
                .filter(post -> !post.id().equals(rootId))
                .filter(post -> post.userId().equals(bot.id()))
                .toList();
    }

    protected String threadText(String rootId) {
        return String.join("", botReplies(rootId).stream().map(EmulatedPost::message).toList());
    }

    protected void awaitThreadContains(String rootId, String text) {
        Eventually.await("'" + abbreviate(text) + "' in thread " + rootId,
                () -> Optional.of(threadText(rootId)).filter(all -> all.contains(text)));
    }

    /** Numbered lines, a blank line after every 20, to just over 40,000 characters, ending in "THE END.". */
    protected static String fortyThousandCharacters() {
        StringBuilder text = new StringBuilder();
        int line = 0;
        while (text.length() < 40_000) {
            text.append("Line ").append(line++).append(": the quick brown fox jumps over the lazy dog.\n");
            if (line % 20 == 0) {
                text.append('\n');
            }
        }
        return text.append("THE END.").toString();
    }

    /** The text streamed by the fake LLM in chunks of 700 characters. */
    protected static LlmReply.Text inChunksOf700(String text) {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 700) {
            chunks.add(text.substring(i, Math.min(text.length(), i + 700)));
        }
        return LlmReply.text(chunks.toArray(String[]::new));
    }

    protected static String header(EmulatedUser user, String rootId, String postId, String channelId) {
        return "[Mattermost DM from @" + user.username() + "]\n"
                + "[Reply-To: thread=" + rootId + " post=" + postId + " channel=" + channelId + "]\n";
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
