package dev.ocbridge.adapter.opencode;

import dev.ocbridge.adapter.opencode.rest.MessageWithPartsWire;
import dev.ocbridge.adapter.opencode.testing.FakeLlm;
import dev.ocbridge.adapter.opencode.testing.LlmReply;
import dev.ocbridge.adapter.opencode.testing.LlmRequest;
import dev.ocbridge.adapter.opencode.testing.RecordingSessionEventHandler;
import dev.ocbridge.core.domain.MessageInfo;
import dev.ocbridge.core.domain.MessageRole;
import dev.ocbridge.core.domain.ModelInfo;
import dev.ocbridge.core.domain.ModelRef;
import dev.ocbridge.core.domain.NewSession;
import dev.ocbridge.core.domain.PermissionId;
import dev.ocbridge.core.domain.PermissionReply;
import dev.ocbridge.core.domain.PermissionRequest;
import dev.ocbridge.core.domain.Prompt;
import dev.ocbridge.core.domain.PromptPart;
import dev.ocbridge.core.domain.ProviderInfo;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.domain.TextKind;
import dev.ocbridge.core.domain.Todo;
import dev.ocbridge.core.domain.ToolState;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.testing.FakeMetricsPort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every SessionPort operation against the real server, sharing one server and fake LLM. */
class OpenCodeSessionAdapterIT {

    @TempDir
    static Path temp;

    static LiveAdapter live;
    static FakeLlm llm;
    static SessionPort sessions;
    static RecordingSessionEventHandler events;
    static String directory;

    @BeforeAll
    static void startServer() throws IOException {
        live = LiveAdapter.start(Files.createDirectories(temp.resolve("project")).toRealPath());
        llm = live.llm();
        sessions = live.sessions();
        events = live.events();
        directory = live.directory();
    }

    @AfterAll
    static void stopServer() {
        if (live != null) {
            live.close();
        }
    }

    @BeforeEach
    void freshScript() {
        llm.reset();
    }

    @Test
    void aCreatedSessionIsListedAndPromptedAndStreamsTheModelsAnswerUntilIdle() {
        SessionInfo created = sessions.createSession(new NewSession("skeleton", directory));
        assertThat(sessions.listSessions()).extracting(SessionInfo::id).contains(created.id());
        llm.enqueueText("Hello", " from", " the fake", " LLM.");

        sessions.sendPrompt(created.id(), Prompt.text("please greet me"));

        events.await(SessionEvent.SessionIdle.class, created.id());
        assertThat(events.streamedText(created.id(), TextKind.ANSWER)).isEqualTo("Hello from the fake LLM.");
        assertThat(llm.wasPromptedWith("please greet me")).isTrue();
    }

    @Test
    void sessionsAreListedNewestActivityFirst() {
        SessionInfo older = sessions.createSession(new NewSession("older", directory));
        SessionInfo newer = sessions.createSession(new NewSession("newer", directory));

        List<SessionId> listed = sessions.listSessions().stream().map(SessionInfo::id).toList();

        assertThat(listed).containsSubsequence(newer.id(), older.id());
    }

    @Test
    void aSessionInAnotherDirectoryIsListedOnceCreatedThroughTheAdapter() throws IOException {
        String other = Files.createDirectories(temp.resolve("other-project")).toRealPath().toString();

        SessionInfo elsewhere = sessions.createSession(new NewSession("elsewhere", other));

        assertThat(elsewhere.directory()).isEqualTo(other);
        assertThat(sessions.listSessions()).extracting(SessionInfo::id).contains(elsewhere.id());
    }

    @Test
    void aStreamScopedToTheConfiguredDirectorySeesOnlyThatDirectorysSessions() throws IOException {
        String other = Files.createDirectories(temp.resolve("unseen-project")).toRealPath().toString();
        RecordingSessionEventHandler scoped = new RecordingSessionEventHandler();
        try (OpenCodeConnection connection = new OpenCodeConnection(
                new OpenCodeSettings(live.environment().server().baseUrl(), null, directory)
                        .withEventScope(EventScope.CONFIGURED_DIRECTORY), new FakeMetricsPort())) {
            connection.eventStream().start(scoped);
            scoped.await(SessionEvent.StreamConnected.class, connected -> true);
            SessionInfo elsewhere = sessions.createSession(new NewSession("elsewhere", other));
            SessionInfo here = sessions.createSession(new NewSession("here", directory));

            sessions.sendPrompt(elsewhere.id(), Prompt.text("first, elsewhere"));
            events.await(SessionEvent.SessionIdle.class, elsewhere.id());
            sessions.sendPrompt(here.id(), Prompt.text("then here"));

            scoped.await(SessionEvent.SessionIdle.class, here.id());
            assertThat(scoped.events(SessionEvent.OfSession.class)).isNotEmpty()
                    .noneMatch(event -> event.sessionId().equals(elsewhere.id()));
        }
    }

    @Test
    void answeringAPermissionThatIsNotPendingKeepsTheServersMessage() {
        SessionInfo session = sessions.createSession(new NewSession("nothing pending", directory));
        PermissionRequest permission = new PermissionRequest(new PermissionId("per_00000000000000000000000000"),
                session.id(), "bash", List.of("ls"), List.of(), Map.of());

        assertThatThrownBy(() -> sessions.answerPermission(permission, PermissionReply.ONCE, null))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Permission request not found");
    }

    @Test
    void aDeletedSessionIsAnnouncedAndDeletingItAgainKeepsTheServersMessage() {
        SessionInfo doomed = sessions.createSession(new NewSession("doomed", directory));

        sessions.deleteSession(doomed.id());

        assertThat(sessions.session(doomed.id())).isEmpty();
        events.await(SessionEvent.SessionDeleted.class, doomed.id());
        assertThatThrownBy(() -> sessions.deleteSession(doomed.id()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Session not found");
    }

    @Test
    void aPromptsTextAndFilesReachTheModelAndItsAnswerIsTheLatestAnswerText() {
        SessionInfo session = sessions.createSession(new NewSession("answer", directory));
        llm.enqueueText("The answer", " is 42.");
        String notes = "data:text/plain;base64," + Base64.getEncoder()
                .encodeToString("remember the blue door".getBytes(StandardCharsets.UTF_8));

        sessions.sendPrompt(session.id(), new Prompt(List.of(new PromptPart.Text("what is the answer?"),
                new PromptPart.File("text/plain", "notes.txt", notes)), null));

        events.await(SessionEvent.SessionIdle.class, session.id());
        assertThat(llm.wasPromptedWith("what is the answer?")).isTrue();
        assertThat(llm.wasPromptedWith("remember the blue door")).isTrue();
        assertThat(sessions.latestAnswerText(session.id())).isEqualTo("The answer is 42.");
        assertThat(events.streamedText(session.id(), TextKind.ANSWER)).isEqualTo("The answer is 42.");
    }

    @Test
    void messagesListUserThenFinishedAssistantWithTokensAndCost() {
        SessionInfo session = sessions.createSession(new NewSession("messages", directory));
        llm.enqueueText("short reply");
        sessions.sendPrompt(session.id(), Prompt.text("hello"));
        events.await(SessionEvent.SessionIdle.class, session.id());

        List<MessageInfo> messages = sessions.messages(session.id());

        assertThat(messages).extracting(MessageInfo::role).containsExactly(MessageRole.USER, MessageRole.ASSISTANT);
        MessageInfo answer = messages.get(1);
        assertThat(answer.finishReason()).isEqualTo("stop");
        assertThat(answer.isFinished()).isTrue();
        assertThat(answer.tokens().input()).isEqualTo(100);
        assertThat(answer.tokens().output()).isEqualTo(20);
        assertThat(answer.cost()).isPositive();
        assertThat(answer.completedAt()).isAfterOrEqualTo(answer.createdAt());
    }

    @Test
    void theLatestMessagesAreTheNewestOnesOldestFirst() {
        SessionInfo session = sessions.createSession(new NewSession("latest messages", directory));
        llm.enqueueText("first reply");
        sessions.sendPrompt(session.id(), Prompt.text("first"));
        events.await(SessionEvent.SessionIdle.class, session.id());
        llm.enqueueText("second reply");
        sessions.sendPrompt(session.id(), Prompt.text("second"));
        events.awaitCount(event -> event instanceof SessionEvent.SessionIdle idle
                && idle.sessionId().equals(session.id()), 2, RecordingSessionEventHandler.DEFAULT_WAIT);

        List<MessageWithPartsWire> latest = ((OpenCodeSessionAdapter) sessions)
                .latestMessagesWithParts(session.id(), 2);

        assertThat(latest).extracting(message -> message.info().role()).containsExactly("user", "assistant");
        assertThat(OpenCodeSessionAdapter.answerText(latest.get(1))).isEqualTo("second reply");
    }

    @Test
    void aChosenModelIsTheOneTheServerCalls() {
        SessionInfo session = sessions.createSession(new NewSession("model", directory));

        sessions.sendPrompt(session.id(), new Prompt(List.of(new PromptPart.Text("use model two")),
                new ModelRef("fake", "fake-model-2")));

        events.await(SessionEvent.SessionIdle.class, session.id());
        assertThat(llm.requestsMatching(request -> request.lastUserText().contains("use model two")))
                .extracting(LlmRequest::model).containsOnly("fake-model-2");
    }

    @Test
    void aModelStreamCutOffMidAnswerIsFollowedByAnotherStep() {
        SessionInfo session = sessions.createSession(new NewSession("cut off", directory));
        llm.enqueue(new LlmReply.CutOff(List.of("partial ")));
        llm.enqueueText("recovered");

        sessions.sendPrompt(session.id(), Prompt.text("this stream breaks"));

        events.await(SessionEvent.SessionIdle.class, session.id());
        assertThat(llm.requests()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(sessions.latestAnswerText(session.id())).isEqualTo("recovered");
    }

    @Test
    void anUntitledSessionGetsItsTitleFromTheTitleModelAsAnUpdate() {
        SessionInfo session = sessions.createSession(new NewSession(null, directory));
        llm.enqueueText("Titled.");

        sessions.sendPrompt(session.id(), Prompt.text("give this a title"));

        events.await(SessionEvent.SessionUpdated.class,
                updated -> updated.sessionId().equals(session.id()) && updated.session().title().equals(FakeLlm.TITLE));
        // The title is asked for in parallel with the answer; the scripted reply is the answer's.
        events.await(SessionEvent.SessionIdle.class, session.id());
        assertThat(session.title()).startsWith("New session");
        assertThat(llm.titleRequests()).isNotEmpty();
        assertThat(llm.requests()).noneMatch(LlmRequest::isTitleRequest);
        assertThat(llm.pendingReplies()).isZero();
    }

    @Test
    void providersListTheConfiguredModels() {
        List<ProviderInfo> providers = sessions.providers();

        assertThat(providers).extracting(ProviderInfo::id).contains("fake", "other");
        ProviderInfo fake = providers.stream().filter(p -> p.id().equals("fake")).findFirst().orElseThrow();
        assertThat(fake.name()).isEqualTo("Fake");
        assertThat(fake.models()).extracting(ModelInfo::ref)
                .contains(new ModelRef("fake", "fake-model"), new ModelRef("fake", "fake-model-2"));
        assertThat(fake.models()).extracting(ModelInfo::name).contains("Fake Model", "Fake Model 2");
    }

    @Test
    void aSessionIsBusyWhileItRunsAndAbortStopsIt() {
        SessionInfo session = sessions.createSession(new NewSession("abort", directory));
        String[] chunks = new String[40];
        java.util.Arrays.fill(chunks, "word ");
        llm.enqueue(LlmReply.text(chunks).withDelay(Duration.ofMillis(250)));
        sessions.sendPrompt(session.id(), Prompt.text("talk for a while"));
        events.await(SessionEvent.TextDelta.class, session.id());

        Map<SessionId, SessionStatus> whileRunning = sessions.statuses();
        sessions.abort(session.id());

        assertThat(whileRunning).containsEntry(session.id(), SessionStatus.busy());
        SessionEvent.SessionErrored aborted = events.await(SessionEvent.SessionErrored.class, session.id());
        assertThat(aborted.error().isAbort()).isTrue();
        events.await(SessionEvent.SessionIdle.class, session.id());
        assertThat(sessions.statuses()).doesNotContainKey(session.id());
        assertThat(events.streamedText(session.id(), TextKind.ANSWER).length()).isLessThan(40 * "word ".length());
    }

    @Test
    void anLlmFailureBecomesASessionError() {
        SessionInfo session = sessions.createSession(new NewSession("failing", directory));
        llm.enqueue(LlmReply.error(400, "fake upstream failure 400"));

        sessions.sendPrompt(session.id(), Prompt.text("this will fail"));

        SessionEvent.SessionErrored errored = events.await(SessionEvent.SessionErrored.class, session.id());
        assertThat(errored.error().name()).isEqualTo("APIError");
        assertThat(errored.error().message()).contains("fake upstream failure 400");
        events.await(SessionEvent.SessionIdle.class, session.id());
        // The assistant message is marked failed after the idle signal.
        MessageInfo failed = events.await(SessionEvent.MessageUpdated.class, updated ->
                updated.sessionId().equals(session.id()) && updated.message().failure().isPresent()).message();
        assertThat(failed.role()).isEqualTo(MessageRole.ASSISTANT);
        assertThat(sessions.messages(session.id())).filteredOn(message -> message.id().equals(failed.id()))
                .singleElement().satisfies(message -> assertThat(message.failure()).isPresent());
    }

    @Test
    void theTodoListIsReportedAndCanBeRead() {
        SessionInfo session = sessions.createSession(new NewSession("todos", directory));
        llm.enqueue(LlmReply.tool("todowrite", Map.of("todos", List.of(
                Map.of("content", "Write the bridge", "status", "in_progress", "priority", "high"),
                Map.of("content", "Ship it", "status", "pending", "priority", "low")))));
        llm.enqueueText("Planned.");

        sessions.sendPrompt(session.id(), Prompt.text("make a plan"));

        SessionEvent.TodoUpdated updated = events.await(SessionEvent.TodoUpdated.class, session.id());
        List<Todo> expected = List.of(new Todo("Write the bridge", "in_progress", "high"),
                new Todo("Ship it", "pending", "low"));
        assertThat(updated.todos()).isEqualTo(expected);
        events.await(SessionEvent.SessionIdle.class, session.id());
        assertThat(sessions.todos(session.id())).isEqualTo(expected);
    }

    @Test
    void aShellToolCallIsReportedFromStartToCompletionWithItsOutput() {
        SessionInfo session = sessions.createSession(new NewSession("shell", directory));
        llm.enqueue(LlmReply.bash("echo bridged"));
        llm.enqueueText("Ran it.");

        sessions.sendPrompt(session.id(), Prompt.text("run echo"));

        SessionEvent.ToolUpdated done = events.await(SessionEvent.ToolUpdated.class,
                update -> update.sessionId().equals(session.id()) && update.tool().state().isFinal());
        assertThat(done.tool().state()).isEqualTo(ToolState.COMPLETED);
        assertThat(done.tool().tool()).isEqualTo("bash");
        assertThat(done.tool().output()).contains("bridged");
        assertThat(done.tool().input()).contains("echo bridged");
        events.await(SessionEvent.SessionIdle.class, session.id());
        assertThat(llm.requests()).anySatisfy(request -> assertThat(request.toolResults())
                .anySatisfy(result -> assertThat(result).contains("bridged")));
    }

    @Test
    void reasoningStreamsApartFromTheAnswer() {
        SessionInfo session = sessions.createSession(new NewSession("reasoning", directory));
        llm.enqueue(LlmReply.text("The ", "answer.").withReasoning("Let me ", "think."));

        sessions.sendPrompt(session.id(), Prompt.text("think first"));

        events.await(SessionEvent.SessionIdle.class, session.id());
        assertThat(events.streamedText(session.id(), TextKind.REASONING)).isEqualTo("Let me think.");
        assertThat(events.streamedText(session.id(), TextKind.ANSWER)).isEqualTo("The answer.");
    }

    @Test
    void theStreamIsConnectedAndReadsEveryEventTheServerSends() {
        SessionInfo session = sessions.createSession(new NewSession("stats", directory));
        sessions.sendPrompt(session.id(), Prompt.text("hello"));
        events.await(SessionEvent.SessionIdle.class, session.id());

        assertThat(live.connection().eventStream().state()).isEqualTo(StreamState.CONNECTED);
        assertThat(live.connection().eventStream().stats().received()).isPositive();
        assertThat(live.connection().eventStream().stats().malformed()).isZero();
        assertThat(live.connection().eventStream().stats().unknownTypes()).isEmpty();
        assertThat(live.connection().serverVersion()).isEqualTo(live.environment().server().version());
    }
}
