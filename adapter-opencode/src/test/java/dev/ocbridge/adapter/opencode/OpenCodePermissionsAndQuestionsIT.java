package dev.ocbridge.adapter.opencode;

import dev.ocbridge.adapter.opencode.testing.FakeLlm;
import dev.ocbridge.adapter.opencode.testing.LlmReply;
import dev.ocbridge.adapter.opencode.testing.RecordingSessionEventHandler;
import dev.ocbridge.core.domain.NewSession;
import dev.ocbridge.core.domain.PermissionReply;
import dev.ocbridge.core.domain.PermissionRequest;
import dev.ocbridge.core.domain.Prompt;
import dev.ocbridge.core.domain.QuestionRequest;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.ToolState;
import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.testing.FakeMetricsPort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Permission requests (a project whose config says {@code bash: ask}) and agent questions, answered
 * through the adapter. Each permission test has a project directory of its own, because "always"
 * approves a pattern for the whole project instance.
 */
class OpenCodePermissionsAndQuestionsIT {

    @TempDir
    static Path temp;

    static LiveAdapter live;
    static FakeLlm llm;
    static SessionPort sessions;
    static RecordingSessionEventHandler events;

    @BeforeAll
    static void startServer() throws IOException {
        live = LiveAdapter.start(askingProject("home"));
        llm = live.llm();
        sessions = live.sessions();
        events = live.events();
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
    void aPermissionAllowedOnceLetsTheCommandRun() throws IOException {
        SessionInfo session = sessions.createSession(new NewSession("once", askingProject("once").toString()));
        llm.enqueue(LlmReply.bash("echo allowed-once"));
        llm.enqueueText("Done.");
        sessions.sendPrompt(session.id(), Prompt.text("run it"));
        PermissionRequest asked = events.await(SessionEvent.PermissionAsked.class, session.id()).request();

        assertThat(asked.action()).isEqualTo("bash");
        assertThat(asked.resources()).containsExactly("echo allowed-once");
        assertThat(sessions.pendingPermissions()).contains(asked);
        assertThat(sessions.pendingPermissionsOf(session.id())).containsExactly(asked);
        sessions.answerPermission(asked, PermissionReply.ONCE, null);

        SessionEvent.PermissionReplied replied = events.await(SessionEvent.PermissionReplied.class, session.id());
        assertThat(replied.requestId()).isEqualTo(asked.id());
        assertThat(replied.reply()).isEqualTo(PermissionReply.ONCE);
        SessionEvent.ToolUpdated tool = awaitFinalTool(session);
        assertThat(tool.tool().state()).isEqualTo(ToolState.COMPLETED);
        assertThat(tool.tool().output()).contains("allowed-once");
        events.await(SessionEvent.SessionIdle.class, session.id());
        assertThat(sessions.pendingPermissions()).doesNotContain(asked);
        assertThat(sessions.pendingPermissionsOf(session.id())).isEmpty();
    }

    @Test
    void aSessionsRequestsAreFoundInItsOwnProjectEvenByAnAdapterThatDoesNotServeIt() throws IOException {
        SessionInfo session = sessions.createSession(new NewSession("elsewhere", askingProject("elsewhere").toString()));
        llm.enqueue(LlmReply.bash("echo elsewhere"));
        sessions.sendPrompt(session.id(), Prompt.text("run it"));
        PermissionRequest asked = events.await(SessionEvent.PermissionAsked.class, session.id()).request();

        try (OpenCodeConnection fresh = new OpenCodeConnection(new OpenCodeSettings(
                live.environment().server().baseUrl(), null, live.directory()), new FakeMetricsPort())) {
            SessionPort restarted = fresh.sessionPort();

            assertThat(restarted.pendingPermissions()).doesNotContain(asked);
            assertThat(restarted.pendingPermissionsOf(session.id())).containsExactly(asked);
        } finally {
            sessions.answerPermission(asked, PermissionReply.REJECT, null);
            events.await(SessionEvent.SessionIdle.class, session.id());
        }
    }

    @Test
    void aPermissionAllowedAlwaysIsNotAskedAgainInThatProject() throws IOException {
        String project = askingProject("always").toString();
        SessionInfo first = sessions.createSession(new NewSession("always", project));
        llm.enqueue(LlmReply.bash("echo first"));
        llm.enqueueText("Done.");
        sessions.sendPrompt(first.id(), Prompt.text("run it"));
        PermissionRequest asked = events.await(SessionEvent.PermissionAsked.class, first.id()).request();
        assertThat(asked.alwaysScope()).containsExactly("echo *");

        sessions.answerPermission(asked, PermissionReply.ALWAYS, null);

        assertThat(events.await(SessionEvent.PermissionReplied.class, first.id()).reply())
                .isEqualTo(PermissionReply.ALWAYS);
        events.await(SessionEvent.SessionIdle.class, first.id());
        SessionInfo second = sessions.createSession(new NewSession("always again", project));
        llm.enqueue(LlmReply.bash("echo second"));
        llm.enqueueText("Done again.");
        sessions.sendPrompt(second.id(), Prompt.text("run it again"));
        assertThat(awaitFinalTool(second).tool().output()).contains("second");
        events.await(SessionEvent.SessionIdle.class, second.id());
        assertThat(events.events(SessionEvent.PermissionAsked.class, second.id())).isEmpty();
    }

    @Test
    void aRejectedPermissionFailsTheToolAndEndsTheRun() throws IOException {
        SessionInfo session = sessions.createSession(new NewSession("reject", askingProject("reject").toString()));
        llm.enqueue(LlmReply.bash("echo never"));
        sessions.sendPrompt(session.id(), Prompt.text("run it"));
        PermissionRequest asked = events.await(SessionEvent.PermissionAsked.class, session.id()).request();

        sessions.answerPermission(asked, PermissionReply.REJECT, null);

        SessionEvent.ToolUpdated tool = awaitFinalTool(session);
        assertThat(tool.tool().state()).isEqualTo(ToolState.ERROR);
        assertThat(tool.tool().error()).contains("rejected");
        events.await(SessionEvent.SessionIdle.class, session.id());
        assertThat(llm.requests()).hasSize(1);
    }

    @Test
    void aRejectionWithFeedbackLetsTheModelReadIt() throws IOException {
        SessionInfo session = sessions.createSession(new NewSession("feedback", askingProject("feedback").toString()));
        llm.enqueue(LlmReply.bash("echo never"));
        llm.enqueueText("Understood.");
        sessions.sendPrompt(session.id(), Prompt.text("run it"));
        PermissionRequest asked = events.await(SessionEvent.PermissionAsked.class, session.id()).request();

        sessions.answerPermission(asked, PermissionReply.REJECT, "use printf instead");

        events.await(SessionEvent.SessionIdle.class, session.id());
        assertThat(llm.requests()).hasSize(2);
        assertThat(llm.requests().get(1).toolResults()).anySatisfy(result ->
                assertThat(result).contains("use printf instead"));
    }

    @Test
    void anAnsweredQuestionGivesTheModelTheAnswer() {
        SessionInfo session = sessions.createSession(new NewSession("question", live.directory()));
        llm.enqueue(LlmReply.question("Colour", "Which colour should the button be?", "Red", "Blue"));
        llm.enqueueText("Blue it is.");
        sessions.sendPrompt(session.id(), Prompt.text("ask me"));
        QuestionRequest asked = events.await(SessionEvent.QuestionAsked.class, session.id()).request();

        assertThat(asked.questions()).singleElement().satisfies(question -> {
            assertThat(question.text()).isEqualTo("Which colour should the button be?");
            assertThat(question.options()).extracting(option -> option.label()).containsExactly("Red", "Blue");
        });
        assertThat(sessions.pendingQuestions()).contains(asked);
        assertThat(sessions.pendingQuestionsOf(session.id())).containsExactly(asked);
        sessions.answerQuestion(asked, List.of(List.of("Blue")));

        SessionEvent.QuestionReplied replied = events.await(SessionEvent.QuestionReplied.class, session.id());
        assertThat(replied.answers()).containsExactly(List.of("Blue"));
        events.await(SessionEvent.SessionIdle.class, session.id());
        assertThat(llm.requests().get(1).toolResults()).anySatisfy(result -> assertThat(result).contains("Blue"));
        assertThat(sessions.pendingQuestions()).doesNotContain(asked);
    }

    @Test
    void aRejectedQuestionEndsTheRun() {
        SessionInfo session = sessions.createSession(new NewSession("dismiss", live.directory()));
        llm.enqueue(LlmReply.question("Colour", "Which colour?", "Red", "Blue"));
        sessions.sendPrompt(session.id(), Prompt.text("ask me"));
        QuestionRequest asked = events.await(SessionEvent.QuestionAsked.class, session.id()).request();

        sessions.rejectQuestion(asked);

        assertThat(events.await(SessionEvent.QuestionRejected.class, session.id()).requestId()).isEqualTo(asked.id());
        assertThat(awaitFinalTool(session).tool().state()).isEqualTo(ToolState.ERROR);
        events.await(SessionEvent.SessionIdle.class, session.id());
    }

    private static SessionEvent.ToolUpdated awaitFinalTool(SessionInfo session) {
        return events.await(SessionEvent.ToolUpdated.class,
                update -> update.sessionId().equals(session.id()) && update.tool().state().isFinal());
    }

    private static Path askingProject(String name) throws IOException {
        Path project = Files.createDirectories(temp.resolve(name)).toRealPath();
        Files.writeString(project.resolve("opencode.json"), "{\"permission\": {\"bash\": \"ask\"}}");
        return project;
    }
}
