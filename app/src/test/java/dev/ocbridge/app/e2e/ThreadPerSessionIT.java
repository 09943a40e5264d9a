package dev.ocbridge.app.e2e;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.adapter.opencode.testing.LlmReply;
import dev.ocbridge.core.domain.SessionInfo;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every root session gets exactly one thread; replies go to that session only; threads survive restarts. */
class ThreadPerSessionIT extends EndToEndTest {

    @Test
    void aSessionCreatedWhileTheBridgeRunsGetsAThreadWithItsDetails() {
        startBridge();

        long createdAt = System.nanoTime();
        SessionInfo session = createSession("Fresh work");
        EmulatedPost root = awaitThreadRoot(session);
        System.err.println("[measure] thread root posted " + Duration.ofNanos(System.nanoTime() - createdAt).toMillis()
                + " ms after the session was created");

        assertThat(root.message()).contains("Fresh work", project.getFileName().toString(), project.toString(),
                session.shortId(), "Reply in this thread");
    }

    @Test
    void aChildSessionNeverGetsAThreadOfItsOwn() throws Exception {
        startBridge();
        SessionInfo parent = createSession("Parent");
        awaitThreadRoot(parent);

        SessionInfo child = createChildSession(parent);

        Eventually.quietPeriod(Duration.ofSeconds(3));
        assertThat(botPostsIn(aliceDm.id())).noneMatch(post -> post.message().contains(child.shortId()));
        assertThat(botPostsIn(aliceDm.id()).stream().filter(post -> post.rootId().isEmpty())).hasSize(1);
    }

    @Test
    void aReplyInAThreadWithoutSessionIsAnsweredThereAndReachesNoSession() {
        startBridge();
        EmulatedPost unrelated = mattermost.post(alice, aliceDm.id(), "!help");
        awaitBotPost(aliceDm.id(), "the help answer", post -> post.rootId().equals(unrelated.id()));

        mattermost.reply(alice, aliceDm.id(), unrelated.id(), "is anyone there?");

        awaitBotPost(aliceDm.id(), "the not-linked answer", post -> post.rootId().equals(unrelated.id())
                && post.message().contains("not linked to an OpenCode session"));
        assertThat(llm.requests()).isEmpty();
        assertThat(allSessions()).isEmpty();
    }

    @Test
    void threeSessionsPromptedAtOnceAnswerEachInItsOwnThread() {
        llm.respondWith(request -> LlmReply.text("Answer to ", request.lastUserText()
                .substring(request.lastUserText().lastIndexOf('\n') + 1)).withDelay(Duration.ofMillis(50)));
        startBridge();
        List<EmulatedPost> roots = new ArrayList<>();
        for (String name : List.of("alpha", "beta", "gamma")) {
            roots.add(awaitThreadRoot(createSession("Session " + name)));
        }

        for (int i = 0; i < roots.size(); i++) {
            mattermost.reply(alice, aliceDm.id(), roots.get(i).id(), "question-" + i);
        }

        for (int i = 0; i < roots.size(); i++) {
            awaitThreadContains(roots.get(i).id(), "Answer to question-" + i);
        }
        for (int i = 0; i < roots.size(); i++) {
            String thread = threadText(roots.get(i).id());
            for (int other = 0; other < roots.size(); other++) {
                if (other != i) {
                    assertThat(thread).doesNotContain("question-" + other);
                }
            }
        }
    }

    @Test
    void afterARestartTheOldThreadStillRoutesAndNothingIsPostedTwice() throws Exception {
        BridgeProcess first = startBridge();
        SessionInfo session = createSession("Long task");
        EmulatedPost root = awaitThreadRoot(session);
        assertThat(first.stop()).isEqualTo(BridgeProcess.TERMINATED);
        assertThat(first.hasLogged("Bridge stopped")).as("a clean shutdown").isTrue();
        String stateBefore = Files.readString(mappingFile);

        startBridge();
        llm.enqueueText("Still here.");
        EmulatedPost reply = mattermost.reply(alice, aliceDm.id(), root.id(), "after the restart");

        awaitThreadContains(root.id(), "Still here.");
        assertThat(llm.wasPromptedWith(header(alice, root.id(), reply.id(), aliceDm.id()) + "after the restart"))
                .isTrue();
        assertThat(botPostsIn(aliceDm.id()).stream().filter(post -> post.rootId().isEmpty())).hasSize(1);
        assertThat(stateBefore).contains(session.id().value(), root.id());
        assertThat(Files.readString(mappingFile)).contains(session.id().value(), root.id());
    }

    @Test
    void atStartOnlyRecentlyActiveSessionsWithoutAThreadGetOne() {
        SessionInfo old = createSession("Yesterday's work");
        // The window must outlast the bridge's start on a busy machine: the recent session is still inside it
        // when the bridge first lists the sessions, the old one already outside.
        Eventually.quietPeriod(Duration.ofMillis(10_500));
        SessionInfo recent = createSession("Just now");

        startBridge(Map.of("OPENCODE_MM_ADOPT_WINDOW", "10s"));

        awaitThreadRoot(recent);
        Eventually.quietPeriod(Duration.ofSeconds(2));
        assertThat(botPostsIn(aliceDm.id())).noneMatch(post -> post.message().contains(old.shortId()));
    }

    @Test
    void aDeletedSessionEndsItsThreadAndALaterReplyIsRefused() {
        startBridge();
        SessionInfo session = createSession("Short lived");
        EmulatedPost root = awaitThreadRoot(session);

        sessions().deleteSession(session.id());

        awaitThreadContains(root.id(), "Session ended");
        assertThat(threadText(root.id())).contains(session.shortId(), "ran for");
        mattermost.reply(alice, aliceDm.id(), root.id(), "one more thing");
        awaitThreadContains(root.id(), "has ended, so nothing was sent");
        assertThat(llm.requests()).isEmpty();

        SessionInfo next = createSession("Next one");
        EmulatedPost nextRoot = awaitThreadRoot(next);
        assertThat(nextRoot.id()).isNotEqualTo(root.id());
    }

    @Test
    void aReplyPostedWhileTheBridgeWasDownIsAnsweredOnceItIsBack() {
        EmulatedPost root = awaitThreadRoot(sessionWithThreadThenBridgeStopped("Walked away"));
        EmulatedPost reply = mattermost.reply(alice, aliceDm.id(), root.id(), "sent while you were down");
        llm.enqueueText("Got it after the restart.");

        startBridge();

        awaitThreadContains(root.id(), "Got it after the restart.");
        assertThat(llm.wasPromptedWith(header(alice, root.id(), reply.id(), aliceDm.id())
                + "sent while you were down")).isTrue();
        Eventually.quietPeriod(Duration.ofSeconds(2));
        assertThat(llm.requests()).as("the missed reply is prompted exactly once").hasSize(1);
    }

    @Test
    void aSessionDeletedWhileTheBridgeWasDownEndsItsThreadWhenItIsBack() throws Exception {
        SessionInfo session = sessionWithThreadThenBridgeStopped("Deleted meanwhile");
        EmulatedPost root = awaitThreadRoot(session);
        sessions().deleteSession(session.id());

        startBridge();

        awaitThreadContains(root.id(), "Session ended");
        Eventually.quietPeriod(Duration.ofSeconds(2));
        assertThat(botReplies(root.id())).filteredOn(post -> post.message().contains("Session ended")).hasSize(1);
        assertThat(Files.readString(mappingFile)).contains("\"ended\"");
    }

    /** A session whose thread the bridge opened before it was stopped cleanly. */
    private SessionInfo sessionWithThreadThenBridgeStopped(String title) {
        BridgeProcess bridge = startBridge();
        SessionInfo session = createSession(title);
        awaitThreadRoot(session);
        assertThat(bridge.stop()).isEqualTo(BridgeProcess.TERMINATED);
        return session;
    }

    @Test
    void aSecondBridgeOnTheSameStateFileExitsWithAClearMessage() {
        startBridge();

        BridgeProcess second = launchBridge(Map.of());

        assertThat(second.awaitExit()).isNotZero();
        assertThat(String.join("\n", second.output())).contains(mappingFile.toString());
        assertThat(String.join("\n", second.output())).containsIgnoringCase("another bridge");
    }
}
