package dev.ocbridge.app.e2e;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.adapter.mattermost.emulator.EmulatedUser;
import dev.ocbridge.adapter.opencode.testing.LlmReply;
import dev.ocbridge.core.domain.PermissionReply;
import dev.ocbridge.core.domain.MessageRole;
import dev.ocbridge.core.domain.PermissionRequest;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent asks to run a command (the project says {@code bash: ask}); Alice answers in the thread, by reaction
 * or reply, and the post shows the outcome, wherever it was given.
 */
class PermissionsIT extends ControlEndToEndTest {

    private EmulatedPost root;
    private BridgeProcess bridge;

    /** The agent will run {@code command} and then say "Done."; returns the permission post. */
    private EmulatedPost agentAsksToRun(String command) {
        llm.enqueue(LlmReply.bash(command));
        llm.enqueueText("Done.");
        bridge = startBridge();
        root = promptInANewSession("Needs a shell", "please run it");
        return awaitPermissionPost(root);
    }

    @Test
    void thumbsUpRunsTheCommandOnceAndThePostSaysWhoAllowedIt() {
        EmulatedPost post = agentAsksToRun("echo allowed-by-reaction");
        assertThat(post.message()).startsWith("@alice ").contains("`bash`", "echo allowed-by-reaction",
                "`echo *` for this project, in every session, until the OpenCode server restarts");
        assertThat(mattermost.reactionsOn(post.id())).hasSize(3).allSatisfy(reaction ->
                assertThat(reaction.userId()).isEqualTo(bot.id()));

        mattermost.react(alice, post.id(), "+1");

        awaitToolResultContaining("allowed-by-reaction");
        awaitPostSays(post, "**Allowed once** by @alice in Mattermost");
        awaitThreadContains(root.id(), "Done.");
    }

    @Test
    void theCheckMarkAllowsAlwaysSoTheSameKindOfCommandIsNotAskedAgain() {
        EmulatedPost post = agentAsksToRun("echo first-always");

        mattermost.react(alice, post.id(), "white_check_mark");
        awaitToolResultContaining("first-always");
        awaitPostSays(post, "**Allowed always** by @alice in Mattermost: `echo *` for this project");
        awaitThreadContains(root.id(), "Done.");
        llm.enqueue(LlmReply.bash("echo second-always"));
        llm.enqueueText("Done again.");
        mattermost.reply(alice, aliceDm.id(), root.id(), "once more");

        awaitToolResultContaining("second-always");
        awaitThreadContains(root.id(), "Done again.");
        assertThat(botReplies(root.id())).filteredOn(reply -> reply.message().contains("asks for permission"))
                .hasSize(1);
    }

    @Test
    void thumbsDownRejectsTheCommandAndTheRunStops() {
        EmulatedPost post = agentAsksToRun("echo never-run");

        mattermost.react(alice, post.id(), "-1");

        awaitPostSays(post, "**Rejected** by @alice in Mattermost.");
        Eventually.awaitTrue("the session idle", () -> !sessions().statuses().containsKey(sessionOfThread()));
        assertThat(llm.requests()).hasSize(1);
        assertThat(llm.requests().get(0).toolResults()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"yes, '**Allowed once** by @alice', true", "always, '**Allowed always** by @alice', true",
            "no, '**Rejected** by @alice', false"})
    void aReplyInTheThreadAnswersAndIsNoPrompt(String reply, String outcome, boolean runs) {
        EmulatedPost post = agentAsksToRun("echo answered-by-reply");

        mattermost.reply(alice, aliceDm.id(), root.id(), reply);

        awaitPostSays(post, outcome);
        if (runs) {
            awaitToolResultContaining("answered-by-reply");
            awaitThreadContains(root.id(), "Done.");
        } else {
            Eventually.awaitTrue("the session idle", () -> !sessions().statuses().containsKey(sessionOfThread()));
        }
        assertThat(sessions().messages(sessionOfThread())).filteredOn(message -> message.role() == MessageRole.USER)
                .as("only the prompt reached the session").hasSize(1);
    }

    @Test
    void otherTextRejectsAndTheAgentReadsItAsWhatToDoInstead() {
        EmulatedPost post = agentAsksToRun("echo not-this");

        mattermost.reply(alice, aliceDm.id(), root.id(), "use printf instead");

        awaitPostSays(post, "**Rejected** by @alice in Mattermost, with this for the agent: use printf instead");
        assertThat(awaitToolResultContaining("use printf instead").toolResults())
                .noneMatch(result -> result.contains("not-this\n"));
        awaitThreadContains(root.id(), "Done.");
    }

    @Test
    void answeredInAnotherClientThePostIsUpdatedAndLaterReactionsDoNothing() {
        EmulatedPost post = agentAsksToRun("echo answered-elsewhere");
        PermissionRequest request = Eventually.await("the request on the server", () ->
                sessions().pendingPermissionsOf(sessionOfThread()).stream().findFirst());

        sessions().answerPermission(request, PermissionReply.ONCE, null);

        awaitPostSays(post, "**Allowed once** in another OpenCode client.");
        awaitToolResultContaining("answered-elsewhere");
        String answered = textOf(post);
        mattermost.react(alice, post.id(), "-1");
        Eventually.quietPeriod(Duration.ofSeconds(2));
        assertThat(textOf(post)).isEqualTo(answered);
    }

    @Test
    void aRequestPendingAtARestartIsNotPostedAgainAndItsPostStillAnswersIt() {
        EmulatedPost post = agentAsksToRun("echo after-the-restart");
        assertThat(bridge.stop()).isEqualTo(BridgeProcess.TERMINATED);

        BridgeProcess second = startBridge();
        Eventually.awaitTrue("the restarted bridge to be connected to both sides",
                () -> second.hasLogged("OpenCode event stream connected")
                        && second.hasLogged("Mattermost event stream connected"));
        Eventually.quietPeriod(Duration.ofSeconds(2));
        assertThat(botReplies(root.id())).filteredOn(reply -> reply.message().contains("asks for permission"))
                .hasSize(1);
        mattermost.react(alice, post.id(), "+1");

        awaitToolResultContaining("after-the-restart");
        awaitPostSays(post, "**Allowed once** by @alice in Mattermost");
    }

    @Test
    void aReactionMadeWhileMattermostWasAwayAnswersOnceTheBridgeIsBack() {
        EmulatedPost post = agentAsksToRun("echo while-away");

        mattermost.goDown();
        mattermost.react(alice, post.id(), "+1");
        mattermost.comeBack();

        awaitToolResultContaining("while-away");
        awaitPostSays(post, "**Allowed once** by @alice in Mattermost");
    }

    @Test
    void aStrangersReactionDoesNothingAndNeitherDoTheBotsOwn() {
        EmulatedUser admin = mattermost.createSystemAdmin("sysadmin");
        EmulatedPost post = agentAsksToRun("echo only-for-alice");

        mattermost.react(admin, post.id(), "+1");
        mattermost.react(admin, post.id(), "white_check_mark");

        Eventually.quietPeriod(Duration.ofSeconds(2));
        assertThat(sessions().pendingPermissionsOf(sessionOfThread())).hasSize(1);
        assertThat(textOf(post)).contains("React :+1:");
        assertThat(llm.requests()).hasSize(1);
        mattermost.react(alice, post.id(), "+1");
        awaitToolResultContaining("only-for-alice");
    }

    @Test
    void howLongAnApprovalTakesFromTheReactionToTheCommandRunning() {
        llm.enqueue(LlmReply.bash("date +%s%3N"));
        llm.enqueueText("Done.");
        startBridge();
        root = promptInANewSession("Timed approvals", "time it");
        List<Long> millis = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            EmulatedPost post = awaitBotPost(aliceDm.id(), "permission request " + run, candidate ->
                    candidate.rootId().equals(root.id()) && candidate.message().contains("asks for permission")
                            && !textOf(candidate).contains("Allowed"));
            Eventually.awaitTrue("the answer reactions", () -> mattermost.reactionsOn(post.id()).size() == 3);
            int requestsBefore = llm.requests().size();
            long reactedAt = System.currentTimeMillis();
            mattermost.react(alice, post.id(), "+1");
            String result = Eventually.await("the command's output", () -> llm.requests().stream()
                    .skip(requestsBefore).map(request -> request.toolResults())
                    .filter(results -> !results.isEmpty()).map(results -> results.get(results.size() - 1))
                    .filter(output -> output.trim().matches("\\d{13}")).findFirst());
            millis.add(Long.parseLong(result.trim()) - reactedAt);
            int answered = run + 1;
            Eventually.awaitTrue("answer " + answered, () -> botReplies(root.id()).stream()
                    .filter(reply -> reply.message().lines().anyMatch("Done."::equals)).count() == answered);
            if (run < 4) {
                llm.enqueue(LlmReply.bash("date +%s%3N"));
                llm.enqueueText("Done.");
                mattermost.reply(alice, aliceDm.id(), root.id(), "again " + run);
            }
        }
        System.err.println("[measure] approval, reaction to command running, ms: " + millis);
        assertThat(millis).hasSize(5).allSatisfy(ms -> assertThat(ms).isPositive());
    }

    /** Each test has a project of its own with one session in it. */
    private SessionId sessionOfThread() {
        return sessions().listSessions().stream().map(SessionInfo::id).findFirst().orElseThrow();
    }
}
