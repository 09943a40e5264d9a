package dev.ocbridge.adapter.opencode;

import dev.ocbridge.adapter.opencode.testing.FakeLlm;
import dev.ocbridge.adapter.opencode.testing.LlmReply;
import dev.ocbridge.adapter.opencode.testing.OpenCodeTestEnvironment;
import dev.ocbridge.adapter.opencode.testing.OpenCodeTestServer;
import dev.ocbridge.adapter.opencode.testing.RecordingSessionEventHandler;
import dev.ocbridge.adapter.opencode.testing.TcpProxy;
import dev.ocbridge.core.domain.MessageInfo;
import dev.ocbridge.core.domain.NewSession;
import dev.ocbridge.core.domain.PermissionReply;
import dev.ocbridge.core.domain.PermissionRequest;
import dev.ocbridge.core.domain.Prompt;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.TextKind;
import dev.ocbridge.core.domain.ToolState;
import dev.ocbridge.core.port.out.MetricsPort;
import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.testing.FakeMetricsPort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stream health against the real server: silence, dropped connections and a crashed server, each
 * followed by a reconnect and a resynchronisation that reports what was missed exactly once.
 */
class OpenCodeEventStreamIT {

    /** Just above the server's 10 s heartbeat, so only a really silent stream is given up. */
    private static final Duration LIVENESS = Duration.ofSeconds(12);

    @TempDir
    static Path temp;

    static OpenCodeTestEnvironment environment;
    static FakeLlm llm;
    static OpenCodeTestServer server;
    static String directory;
    static OpenCodeConnection direct;

    TcpProxy proxy;
    OpenCodeConnection connection;
    SessionPort sessions;
    final RecordingSessionEventHandler events = new RecordingSessionEventHandler();
    final FakeMetricsPort metrics = new FakeMetricsPort();

    @BeforeAll
    static void startServer() throws IOException {
        environment = OpenCodeTestEnvironment.start(Files.createDirectories(temp.resolve("project")).toRealPath());
        llm = environment.llm();
        server = environment.server();
        directory = environment.directory();
        direct = new OpenCodeConnection(new OpenCodeSettings(server.baseUrl(), null, directory), new FakeMetricsPort());
    }

    @AfterAll
    static void stopServer() {
        if (direct != null) {
            direct.close();
        }
        if (environment != null) {
            environment.close();
        }
    }

    @BeforeEach
    void connectThroughAProxy() {
        llm.reset();
        proxy = TcpProxy.start(server.port());
        connection = new OpenCodeConnection(new OpenCodeSettings(proxy.uri(), null, directory).withLivenessDeadline(LIVENESS), metrics);
        sessions = connection.sessionPort();
        connection.eventStream().start(events);
        events.await(SessionEvent.StreamConnected.class, connected -> !connected.reconnected());
    }

    @AfterEach
    void disconnect() {
        connection.close();
        proxy.close();
    }

    @Test
    void requestsEventsByTypeAndReconnectsAreCounted() {
        SessionInfo session = sessions.createSession(new NewSession("counted", directory));
        sessions.sendPrompt(session.id(), Prompt.text("hello"));
        events.await(SessionEvent.SessionIdle.class, session.id());
        assertThat(sessions.session(new SessionId("ses_doesnotexist"))).isEmpty();
        assertThat(metrics.reconnects(MetricsPort.Server.AGENT)).isZero();

        proxy.disconnectAll();
        events.await(SessionEvent.StreamConnected.class, SessionEvent.StreamConnected::reconnected);

        assertThat(metrics.reconnects(MetricsPort.Server.AGENT)).isEqualTo(1);
        assertThat(metrics.events(MetricsPort.Server.AGENT, "server.connected")).isEqualTo(2);
        assertThat(metrics.events(MetricsPort.Server.AGENT, "session.idle")).isPositive();
        assertThat(metrics.requests(MetricsPort.Server.AGENT, MetricsPort.RequestOutcome.OK)).isPositive();
        assertThat(metrics.requests(MetricsPort.Server.AGENT, MetricsPort.RequestOutcome.REFUSED)).isEqualTo(1);
    }

    @Test
    void aSilentStreamIsGivenUpAfterTheLivenessDeadlineAndReconnected() {
        SessionInfo session = sessions.createSession(new NewSession("silence", directory));
        sessions.sendPrompt(session.id(), Prompt.text("hello"));
        events.await(SessionEvent.SessionIdle.class, session.id());

        proxy.freezeOpenConnections();

        events.await(SessionEvent.StreamDisconnected.class, disconnected -> true);
        events.await(SessionEvent.StreamConnected.class, SessionEvent.StreamConnected::reconnected);
        assertThat(events.events(SessionEvent.SessionIdle.class, session.id())).hasSize(1);
        llm.enqueueText("still", " here");
        sessions.sendPrompt(session.id(), Prompt.text("are you there?"));
        awaitIdleCount(session.id(), 2);
        assertThat(events.streamedText(session.id(), TextKind.ANSWER)).endsWith("still here");
    }

    @Test
    void aCompletionMissedWhileDisconnectedIsRecoveredOnceOnReconnect() {
        SessionInfo session = sessions.createSession(new NewSession("missed", directory));
        llm.enqueue(LlmReply.text(words(8)).withDelay(Duration.ofMillis(250)));
        sessions.sendPrompt(session.id(), Prompt.text("stream slowly"));
        events.await(SessionEvent.TextDelta.class, session.id());

        proxy.refuse(true);
        proxy.disconnectAll();
        events.await(SessionEvent.StreamDisconnected.class, disconnected -> true);
        awaitIdleOnServer(session.id());
        proxy.refuse(false);

        events.await(SessionEvent.StreamConnected.class, SessionEvent.StreamConnected::reconnected);
        List<SessionEvent.TextPartUpdated> finals = events.events(SessionEvent.TextPartUpdated.class, session.id())
                .stream().filter(SessionEvent.TextPartUpdated::complete).toList();
        assertThat(finals).singleElement().satisfies(part -> {
            assertThat(part.text()).isEqualTo(String.join("", words(8)));
            assertThat(part.kind()).isEqualTo(TextKind.ANSWER);
        });
        List<MessageInfo> finished = events.events(SessionEvent.MessageUpdated.class, session.id()).stream()
                .map(SessionEvent.MessageUpdated::message).filter(MessageInfo::isFinished).toList();
        assertThat(finished).singleElement().satisfies(message -> assertThat(message.finishReason()).isEqualTo("stop"));
        assertThat(events.events(SessionEvent.SessionIdle.class, session.id())).hasSize(1);
        assertThat(events.events(SessionEvent.SessionErrored.class, session.id())).isEmpty();
    }

    @Test
    void aPermissionAskedWhileDisconnectedIsReportedOnceOnReconnectAndCanBeAnswered() throws IOException {
        Path asking = Files.createDirectories(temp.resolve("asking")).toRealPath();
        Files.writeString(asking.resolve("opencode.json"), "{\"permission\": {\"bash\": \"ask\"}}");
        SessionInfo session = sessions.createSession(new NewSession("asked while away", asking.toString()));
        proxy.refuse(true);
        proxy.disconnectAll();
        events.await(SessionEvent.StreamDisconnected.class, disconnected -> true);

        llm.enqueue(LlmReply.bash("echo while-away"));
        llm.enqueueText("Done.");
        try (OpenCodeConnection inProject = new OpenCodeConnection(
                new OpenCodeSettings(server.baseUrl(), null, asking.toString()), new FakeMetricsPort())) {
            inProject.sessionPort().sendPrompt(session.id(), Prompt.text("run it"));
            awaitTrue(() -> !inProject.sessionPort().pendingPermissions().isEmpty());
        }
        proxy.refuse(false);

        events.await(SessionEvent.StreamConnected.class, SessionEvent.StreamConnected::reconnected);
        assertThat(events.events(SessionEvent.PermissionAsked.class, session.id())).hasSize(1);
        PermissionRequest asked = events.events(SessionEvent.PermissionAsked.class, session.id()).get(0).request();
        assertThat(asked.patterns()).containsExactly("echo while-away");
        sessions.answerPermission(asked, PermissionReply.ONCE, null);
        events.await(SessionEvent.SessionIdle.class, session.id());
        assertThat(events.events(SessionEvent.ToolUpdated.class, session.id()))
                .anySatisfy(tool -> assertThat(tool.tool().output()).contains("while-away"));
    }

    @Test
    void aServerKilledMidRunComesBackAndTheLostRunEndsWithAnError() {
        SessionInfo session = sessions.createSession(new NewSession("crash", directory));
        llm.enqueue(LlmReply.text(words(80)).withDelay(Duration.ofMillis(250)));
        sessions.sendPrompt(session.id(), Prompt.text("stream for long"));
        events.await(SessionEvent.TextDelta.class, session.id());

        server.kill();
        events.await(SessionEvent.StreamDisconnected.class, disconnected -> true);
        server.restart();

        events.await(SessionEvent.StreamConnected.class, SessionEvent.StreamConnected::reconnected);
        SessionEvent.SessionErrored lost = events.await(SessionEvent.SessionErrored.class, session.id());
        assertThat(lost.error().name()).isEqualTo(SessionResynchronizer.INTERRUPTED);
        events.await(SessionEvent.SessionIdle.class, session.id());
        llm.enqueueText("back", " again");
        sessions.sendPrompt(session.id(), Prompt.text("still there?"));
        awaitIdleCount(session.id(), 2);
        assertThat(events.events(SessionEvent.SessionErrored.class, session.id())).hasSize(1);
        assertThat(events.streamedText(session.id(), TextKind.ANSWER)).endsWith("back again");
    }

    @Test
    void aToolRunningWhenTheServerDiesIsReportedFailedOnceItIsBack() {
        SessionInfo session = sessions.createSession(new NewSession("tool at crash", directory));
        llm.enqueue(LlmReply.bash("sleep 60"));
        sessions.sendPrompt(session.id(), Prompt.text("take your time"));
        events.await(SessionEvent.ToolUpdated.class, updated -> updated.sessionId().equals(session.id())
                && updated.tool().state() == ToolState.RUNNING);

        server.kill();
        events.await(SessionEvent.StreamDisconnected.class, disconnected -> true);
        server.restart();

        events.await(SessionEvent.StreamConnected.class, SessionEvent.StreamConnected::reconnected);
        events.await(SessionEvent.SessionErrored.class, session.id());
        assertThat(events.events(SessionEvent.ToolUpdated.class, session.id()))
                .filteredOn(updated -> updated.tool().state().isFinal())
                .singleElement()
                .satisfies(updated -> {
                    assertThat(updated.tool().tool()).isEqualTo("bash");
                    assertThat(updated.tool().state()).isEqualTo(ToolState.ERROR);
                });
    }

    @Test
    void aRunThatStartsAndEndsWhileTheStreamIsDownIsRecoveredOnReconnect() {
        SessionInfo session = runWhileTheStreamIsDown("prompted while away", LlmReply.text("answered", " while away"));
        proxy.refuseEventStreams(false);

        events.await(SessionEvent.StreamConnected.class, SessionEvent.StreamConnected::reconnected);
        assertThat(completeAnswers(session.id())).singleElement()
                .satisfies(part -> assertThat(part.text()).isEqualTo("answered while away"));
        assertThat(events.events(SessionEvent.SessionIdle.class, session.id())).hasSize(1);
    }

    @Test
    void aSessionWhoseHistoryCannotBeReadAtReconnectIsRecoveredLater() {
        SessionInfo session = runWhileTheStreamIsDown("unreadable for a while", LlmReply.text("recovered", " later"));
        proxy.refuseRequestsContaining("/session/" + session.id() + "/message");
        proxy.refuseEventStreams(false);

        events.await(SessionEvent.StreamConnected.class, SessionEvent.StreamConnected::reconnected);
        assertThat(events.events(SessionEvent.SessionIdle.class, session.id())).isEmpty();
        proxy.refuseRequestsContaining(null);

        events.await(SessionEvent.SessionIdle.class, session.id());
        assertThat(completeAnswers(session.id())).singleElement()
                .satisfies(part -> assertThat(part.text()).isEqualTo("recovered later"));
        assertThat(events.events(SessionEvent.SessionIdle.class, session.id())).hasSize(1);
    }

    @Test
    void anErrorWhileTheStreamIsDownIsReportedOnceOnReconnect() {
        SessionInfo session = runWhileTheStreamIsDown("failed while away",
                LlmReply.error(400, "fake upstream failure while away"));
        proxy.refuseEventStreams(false);

        events.await(SessionEvent.StreamConnected.class, SessionEvent.StreamConnected::reconnected);
        assertThat(events.events(SessionEvent.SessionErrored.class, session.id())).singleElement()
                .satisfies(errored -> assertThat(errored.error().message())
                        .contains("fake upstream failure while away"));
        assertThat(events.events(SessionEvent.SessionIdle.class, session.id())).hasSize(1);
    }

    @Test
    void aBusySessionDeletedWhileTheStreamIsDownDoesNotKeepTheStreamDown() {
        SessionInfo doomed = sessions.createSession(new NewSession("deleted while away", directory));
        llm.enqueue(LlmReply.text(words(40)).withDelay(Duration.ofMillis(250)));
        sessions.sendPrompt(doomed.id(), Prompt.text("stream slowly"));
        events.await(SessionEvent.TextDelta.class, doomed.id());
        breakTheEventStream();

        direct.sessionPort().deleteSession(doomed.id());
        proxy.refuseEventStreams(false);

        events.await(SessionEvent.StreamConnected.class, SessionEvent.StreamConnected::reconnected);
        SessionInfo other = sessions.createSession(new NewSession("after the deletion", directory));
        llm.enqueueText("still", " streaming");
        sessions.sendPrompt(other.id(), Prompt.text("hello"));
        events.await(SessionEvent.SessionIdle.class, other.id());
        assertThat(events.streamedText(other.id(), TextKind.ANSWER)).isEqualTo("still streaming");
    }

    /** A session prompted and answered on the server, all while the event stream is down and kept down. */
    private SessionInfo runWhileTheStreamIsDown(String title, LlmReply reply) {
        SessionInfo session = sessions.createSession(new NewSession(title, directory));
        breakTheEventStream();
        llm.enqueue(reply);
        sessions.sendPrompt(session.id(), Prompt.text("are you there?"));
        awaitIdleOnServer(session.id());
        return session;
    }

    /** The event stream drops and cannot come back until the test allows it; REST calls still pass. */
    private void breakTheEventStream() {
        proxy.refuseEventStreams(true);
        proxy.disconnectEventStreams();
        events.await(SessionEvent.StreamDisconnected.class, disconnected -> true);
    }

    private List<SessionEvent.TextPartUpdated> completeAnswers(SessionId session) {
        return events.events(SessionEvent.TextPartUpdated.class, session).stream()
                .filter(SessionEvent.TextPartUpdated::complete)
                .filter(part -> part.kind() == TextKind.ANSWER)
                .toList();
    }

    private void awaitIdleCount(SessionId session, int count) {
        events.awaitCount(event -> event instanceof SessionEvent.SessionIdle idle && idle.sessionId().equals(session),
                count, RecordingSessionEventHandler.DEFAULT_WAIT);
    }

    /** Asks the server directly, around the proxy, until the run is over. */
    private static void awaitIdleOnServer(SessionId session) {
        awaitTrue(() -> {
            List<MessageInfo> messages = direct.sessionPort().messages(session);
            return !direct.sessionPort().statuses().containsKey(session) && messages.size() > 1
                    && messages.get(messages.size() - 1).isFinished();
        });
    }

    private static void awaitTrue(BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition within 60 s").isBefore(deadline);
            pause();
        }
    }

    private static String[] words(int count) {
        String[] words = new String[count];
        Arrays.setAll(words, i -> "w" + i + " ");
        return words;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
