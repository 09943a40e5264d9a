package dev.ocbridge.core.progress;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.MessageId;
import dev.ocbridge.core.domain.MessageInfo;
import dev.ocbridge.core.domain.MessageRole;
import dev.ocbridge.core.domain.ModelRef;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.PermissionId;
import dev.ocbridge.core.domain.PermissionReply;
import dev.ocbridge.core.domain.PermissionRequest;
import dev.ocbridge.core.domain.QuestionId;
import dev.ocbridge.core.domain.QuestionRequest;
import dev.ocbridge.core.domain.SessionError;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.domain.TextKind;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.Todo;
import dev.ocbridge.core.domain.TokenUsage;
import dev.ocbridge.core.domain.ToolCall;
import dev.ocbridge.core.domain.ToolDetails;
import dev.ocbridge.core.domain.ToolState;
import dev.ocbridge.core.domain.ToolTarget;
import dev.ocbridge.core.testing.CoreTestKit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a thread shows of a run, event by event, with events shaped like the recorded streams. */
class ProgressInTheThreadTest {
    private static final Duration INTERVAL = Duration.ofMillis(500);
    private static final MessageId PROMPT = new MessageId("msg_user");
    private static final MessageId STEP_1 = new MessageId("msg_step1");
    private static final MessageId STEP_2 = new MessageId("msg_step2");
    private static final ModelRef MODEL = new ModelRef("fake", "fake-model");
    private static final TokenUsage USED = new TokenUsage(80, 15, 5, 20, 0);
    private static final String WORKING = ":hourglass_flowing_sand: _Working…_";

    private CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();
    private ThreadMapping mapping = kit.sessionWithThread("Progress");
    private SessionId session = mapping.sessionId();

    @Test
    void aShellCommandShowsOnItsLineWithItsOutputBetweenTheAnswersTextAndTheRunEndsWithItsUsage() {
        prompt();
        busy();
        text(STEP_1, "prt_t1", "Let me look.");
        bash("prt_b", ToolState.RUNNING, "echo hi", "");
        bash("prt_b", ToolState.COMPLETED, "echo hi", "hi\n");
        step(STEP_1, "tool-calls");
        text(STEP_2, "prt_t2", "It says hi.");
        step(STEP_2, "stop");
        idle();

        assertThat(replies()).containsExactly("Let me look.\n\n"
                + ":white_check_mark: **bash** `echo hi` · 35ms\n```\nhi\n```\n\n"
                + "It says hi.\n\n"
                + ":white_check_mark: Done in 2.0s · `fake/fake-model` · 160 in / 30 out tokens (+10 reasoning)"
                + " · cache 40 read · $0.00026");
    }

    @Test
    void aRunningCommandsLiveOutputRefreshesAtTheEditInterval() {
        prompt();
        busy();
        bash("prt_b", ToolState.RUNNING, "make", "");
        kit.scheduler.runDueTasks();
        bash("prt_b", ToolState.RUNNING, "make", "compiling a\n");
        bash("prt_b", ToolState.RUNNING, "make", "compiling a\ncompiling b\n");
        kit.scheduler.advance(INTERVAL);

        assertThat(kit.chat.edits()).hasSize(1);
        assertThat(replies().get(0)).contains("```\ncompiling a\ncompiling b\n```");
    }

    @Test
    void theTodoListIsAChecklistInAPostOfItsOwnUpdatedInPlace() {
        prompt();
        busy();
        todos(new Todo("Write the bridge", "in_progress", "high"), new Todo("Test the bridge", "pending", "medium"));
        text(STEP_1, "prt_t1", "Writing.");
        kit.scheduler.runDueTasks();
        todos(new Todo("Write the bridge", "completed", "high"), new Todo("Test the bridge", "in_progress", "medium"));
        idle();

        assertThat(replies()).containsExactly(
                ":clipboard: **Todo** · 1/2 done\n- [x] Write the bridge\n- [ ] **Test the bridge** _(in progress)_",
                "Writing.");
    }

    @Test
    void aRetryOfTheModelCallShowsAtOnceAndSaysWhenItWentThrough() {
        prompt();
        busy();
        kit.agentReports(new SessionEvent.SessionStatusChanged(session,
                new SessionStatus.Retrying(1, "fake upstream failure 500", kit.clock.instant().plusSeconds(2))));
        kit.scheduler.runDueTasks();

        assertThat(replies()).containsExactly(
                ":repeat: The model call failed (fake upstream failure 500); trying again in 2.0s (retry 1).\n\n"
                        + WORKING);

        busy();
        text(STEP_1, "prt_t1", "Recovered.");
        step(STEP_1, "stop");
        idle();

        assertThat(replies().get(0)).startsWith(
                ":repeat: The model call failed (fake upstream failure 500); it went through on retry 1.\n\nRecovered.");
    }

    @Test
    void aCompactionIsSaid() {
        prompt();
        busy();
        kit.agentReports(new SessionEvent.SessionCompacted(session));
        idle();

        assertThat(replies()).containsExactly(
                ":information_source: The conversation was summarised to fit the model's context window.");
    }

    @Test
    void compactModeKeepsOneActivityPostPerRunWithTheLatestCallsAndNoOutput() {
        compactMode();
        prompt();
        busy();
        for (int i = 1; i <= 8; i++) {
            bash("prt_" + i, ToolState.RUNNING, "echo " + i, "");
            bash("prt_" + i, ToolState.COMPLETED, "echo " + i, i + "\n");
            kit.scheduler.advance(Duration.ofMillis(200));
        }
        text(STEP_2, "prt_t2", "Eight echoes.");
        step(STEP_2, "stop");
        idle();

        List<String> replies = replies();
        assertThat(replies).hasSize(2);
        assertThat(replies.get(0)).startsWith(":white_check_mark: **Done** · 8 tools · ")
                .contains("_… 2 earlier_\n:white_check_mark: **bash** `echo 3`")
                .endsWith("**bash** `echo 8` · 35ms")
                .doesNotContain("```");
        assertThat(replies.get(1)).startsWith("Eight echoes.\n\n:white_check_mark: Done in");
    }

    @Test
    void offModeShowsTheAnswerOnly() {
        kit = CoreTestKit.aliceOwnsTheBot(new ProgressSettings(ProgressMode.OFF, false));
        mapping = kit.sessionWithThread("Quiet");
        session = mapping.sessionId();
        prompt();
        busy();
        bash("prt_b", ToolState.COMPLETED, "echo hi", "hi\n");
        todos(new Todo("One", "pending", "high"));
        text(STEP_2, "prt_t2", "Done quietly.");
        step(STEP_2, "stop");
        idle();

        assertThat(replies()).containsExactly("Done quietly.");
    }

    @Test
    void aPlainAnswerCostsOnePostAndOneEdit() {
        prompt();
        busy();
        text(STEP_1, "prt_t1", "Hel");
        kit.scheduler.runDueTasks();
        text(STEP_1, "prt_t1", "lo there.");
        step(STEP_1, "stop");
        idle();
        kit.scheduler.advance(Duration.ofSeconds(10));

        assertThat(replies()).hasSize(1);
        assertThat(kit.chat.edits()).hasSize(1);
    }

    @Test
    void aSubAgentsToolCallsCountOnItsTaskLineAndItGetsNoThread() {
        SessionId child = new SessionId("ses_child");
        prompt();
        busy();
        task(ToolState.RUNNING, child);
        kit.agentReports(new SessionEvent.SessionCreated(new SessionInfo(child, session, "Sub task (@general subagent)",
                CoreTestKit.DIRECTORY, kit.clock.instant(), kit.clock.instant())));
        kit.agentReports(new SessionEvent.SessionStatusChanged(child, SessionStatus.busy()));
        for (String part : List.of("prt_c1", "prt_c2", "prt_c3")) {
            kit.agentReports(new SessionEvent.ToolUpdated(child, new ToolCall(new PartId(part), new MessageId("msg_c"),
                    "call", "read", ToolState.COMPLETED, "", "", "", "", kit.clock.instant(), kit.clock.instant())));
        }
        kit.scheduler.runDueTasks();

        assertThat(replies()).containsExactly(":hourglass_flowing_sand: **task** Sub task · 3 tools · running\n\n"
                + WORKING);
        assertThat(kit.mappings.findBySession(child)).isEmpty();
    }

    @Test
    void whenARunIsStoppedItsRunningCallsShowStoppedAndLateUpdatesAreNotShown() {
        prompt();
        busy();
        bash("prt_b", ToolState.RUNNING, "sleep 10", "start\n");
        kit.agentReports(new SessionEvent.SessionErrored(session, new SessionError("MessageAbortedError", "Aborted")));
        idle();
        bash("prt_b", ToolState.COMPLETED, "sleep 10", "start\n\n\n<shell_metadata>\nUser aborted the command\n");
        idle();
        kit.scheduler.advance(Duration.ofSeconds(10));

        assertThat(replies()).containsExactly(":stop_sign: **bash** `sleep 10` · stopped\n```\nstart\n```",
                ":stop_sign: Stopped.");
    }

    @Test
    void aPermissionRequestGoesBelowWhatTheRunShowedAndWhatFollowsGoesBelowIt() {
        prompt();
        busy();
        text(STEP_1, "prt_t1", "I need to run something.");
        kit.scheduler.runDueTasks();
        text(STEP_1, "prt_t1", " Asking first.");
        PermissionRequest request = new PermissionRequest(new PermissionId("per_1"), session, "bash",
                List.of("rm -rf build"), List.of("rm *"), Map.of("command", "rm -rf build"));
        kit.agentReports(new SessionEvent.PermissionAsked(request));
        kit.agentReports(new SessionEvent.PermissionReplied(session, request.id(), PermissionReply.ONCE));
        bash("prt_b", ToolState.COMPLETED, "rm -rf build", "");
        idle();

        assertThat(replies()).satisfiesExactly(
                first -> assertThat(first).isEqualTo("I need to run something. Asking first."),
                asked -> assertThat(asked).contains("OpenCode asks for permission", "rm -rf build"),
                after -> assertThat(after).isEqualTo(":white_check_mark: **bash** `rm -rf build` · 35ms"));
    }

    @Test
    void whileTheRunGoesOnTheThreadEndsWithTheWorkingMarkWhichTheClosingLineReplaces() {
        prompt();
        busy();
        text(STEP_1, "prt_t1", "Thinking aloud");
        kit.scheduler.runDueTasks();
        assertThat(replies()).containsExactly("Thinking aloud\n\n" + WORKING);

        streamerBreak();
        text(STEP_2, "prt_t2", "After the question");
        kit.scheduler.advance(INTERVAL.multipliedBy(2));
        assertThat(replies()).containsExactly("Thinking aloud", "a question", "After the question\n\n" + WORKING);

        step(STEP_2, "stop");
        idle();
        assertThat(replies()).hasSize(3);
        assertThat(replies().get(2)).startsWith("After the question\n\n:white_check_mark: Done in ");
    }

    @Test
    void offModeShowsNoWorkingMark() {
        kit = CoreTestKit.aliceOwnsTheBot(new ProgressSettings(ProgressMode.OFF, false));
        mapping = kit.sessionWithThread("Quiet");
        session = mapping.sessionId();
        prompt();
        busy();
        text(STEP_1, "prt_t1", "Quiet text");
        kit.scheduler.runDueTasks();

        assertThat(replies()).containsExactly("Quiet text");
    }

    @Test
    void theThreadShowsTheAgentWorkingEveryFewSecondsUntilTheRunEndsButNotWhileItWaitsForAnAnswer() {
        prompt();
        busy();
        assertThat(kit.chat.timesWorkingShownIn(mapping.thread())).isEqualTo(1);
        kit.scheduler.advance(Duration.ofSeconds(9));
        assertThat(kit.chat.timesWorkingShownIn(mapping.thread())).isEqualTo(3);

        kit.agentReports(new SessionEvent.QuestionAsked(new QuestionRequest(
                new QuestionId("que_1"), session, List.of())));
        kit.scheduler.advance(Duration.ofSeconds(20));
        assertThat(kit.chat.timesWorkingShownIn(mapping.thread())).isEqualTo(3);

        kit.agentReports(new SessionEvent.QuestionRejected(session, new QuestionId("que_1")));
        assertThat(kit.chat.timesWorkingShownIn(mapping.thread())).isEqualTo(4);
        idle();
        kit.scheduler.advance(Duration.ofSeconds(20));

        assertThat(kit.chat.timesWorkingShownIn(mapping.thread())).isEqualTo(4);
    }

    @Test
    void reasoningIsHiddenByDefault() {
        prompt();
        kit.agentReports(new SessionEvent.TextDelta(session, STEP_1, new PartId("prt_r"), TextKind.REASONING,
                "thinking"));
        text(STEP_1, "prt_t1", "Answer.");
        idle();

        assertThat(replies()).containsExactly("Answer.");
    }

    @Test
    void reasoningIsQuotedAboveTheAnswerWhenAskedFor() {
        kit = CoreTestKit.aliceOwnsTheBot(new ProgressSettings(ProgressMode.FULL, true));
        mapping = kit.sessionWithThread("Thoughtful");
        session = mapping.sessionId();
        prompt();
        kit.agentReports(new SessionEvent.TextDelta(session, STEP_1, new PartId("prt_r"), TextKind.REASONING,
                "thinking"));
        text(STEP_1, "prt_t1", "Answer.");
        idle();

        assertThat(replies()).containsExactly("> :thought_balloon: thinking\n\nAnswer.");
    }

    /** A question is asked and its post goes into the thread. */
    private void streamerBreak() {
        kit.agentReports(new SessionEvent.QuestionAsked(new QuestionRequest(
                new QuestionId("que_9"), session, List.of())));
        kit.chat.createPost(NewPost.inThread(mapping.thread(), "a question"));
        kit.agentReports(new SessionEvent.QuestionRejected(session, new QuestionId("que_9")));
    }

    private void compactMode() {
        kit = CoreTestKit.aliceOwnsTheBot(new ProgressSettings(ProgressMode.COMPACT, false));
        mapping = kit.sessionWithThread("Compact");
        session = mapping.sessionId();
    }

    private void prompt() {
        kit.agentReports(new SessionEvent.MessageUpdated(new MessageInfo(PROMPT, session, MessageRole.USER, null,
                null, 0, null, kit.clock.instant(), null)));
    }

    private void busy() {
        kit.agentReports(new SessionEvent.SessionStatusChanged(session, SessionStatus.busy()));
    }

    private void idle() {
        kit.agentReports(new SessionEvent.SessionStatusChanged(session, SessionStatus.idle()));
        kit.agentReports(new SessionEvent.SessionIdle(session));
    }

    private void text(MessageId step, String part, String delta) {
        kit.agentReports(new SessionEvent.TextDelta(session, step, new PartId(part), TextKind.ANSWER, delta));
    }

    /** A step finished one second after the prompt, with the fake model's usage. */
    private void step(MessageId step, String finish) {
        Instant prompted = CoreTestKit.START;
        kit.agentReports(new SessionEvent.MessageUpdated(new MessageInfo(step, session, MessageRole.ASSISTANT, finish,
                null, 0.00013, USED, prompted, prompted.plusSeconds(step.equals(STEP_1) ? 1 : 2), PROMPT, MODEL)));
    }

    private void bash(String part, ToolState state, String command, String output) {
        Instant start = CoreTestKit.START;
        kit.agentReports(new SessionEvent.ToolUpdated(session, new ToolCall(new PartId(part), STEP_1, "call_" + part,
                "bash", state, "", "", output, "", start, state.isFinal() ? start.plusMillis(35) : null,
                new ToolDetails(new ToolTarget(ToolTarget.Kind.COMMAND, command), null, state.isFinal() ? 0 : null,
                        null))));
    }

    private void task(ToolState state, SessionId child) {
        kit.agentReports(new SessionEvent.ToolUpdated(session, new ToolCall(new PartId("prt_task"), STEP_1, "call_task",
                "task", state, "Sub task", "", "", "", kit.clock.instant(), null,
                new ToolDetails(new ToolTarget(ToolTarget.Kind.DESCRIPTION, "Sub task"), null, null, child))));
    }

    private void todos(Todo... todos) {
        kit.agentReports(new SessionEvent.TodoUpdated(session, List.of(todos)));
    }

    private List<String> replies() {
        List<ChatPost> thread = kit.chat.thread(mapping.thread().root());
        return thread.subList(1, thread.size()).stream().map(ChatPost::message).toList();
    }
}
