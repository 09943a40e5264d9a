package dev.ocbridge.app.e2e;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.texts.Untrusted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A top-level post in the DM, in each of the three modes. */
class MainDmIT extends EndToEndTest {

    @Test
    void newSessionModeMakesThePostTheRootOfANewSessionWhereTheServerWorksThatAnswersThere() {
        startBridge();
        llm.enqueueText("Parser ", "built.");

        EmulatedPost post = mattermost.post(alice, aliceDm.id(), "build me a parser");

        awaitThreadContains(post.id(), "Parser built.");
        List<SessionInfo> created = allSessions();
        assertThat(created).hasSize(1);
        assertThat(created.get(0).directory()).as("where the server works, not where the bridge was started")
                .isEqualTo(serverDirectory.toString()).isNotEqualTo(bridgeWorkingDirectory.toString());
        List<EmulatedPost> replies = botReplies(post.id());
        assertThat(replies.get(0).message()).contains("OpenCode session", created.get(0).shortId());
        assertThat(llm.wasPromptedWith(header(alice, post.id(), post.id(), aliceDm.id()) + "build me a parser"))
                .isTrue();
        assertThat(botPostsIn(aliceDm.id()).stream().filter(root -> root.rootId().isEmpty()))
                .as("no second thread for the same session").isEmpty();
    }

    @Test
    void recentSessionModeRoutesToTheMostRecentSessionAndAnswersInItsThread() {
        startBridge(Map.of("OPENCODE_MM_MAIN_DM_PROMPT", "recent-session"));
        EmulatedPost olderRoot = awaitThreadRoot(createSession("Older"));
        EmulatedPost newerRoot = awaitThreadRoot(createSession("Newer"));
        llm.enqueueText("Continuing.");

        EmulatedPost post = mattermost.post(alice, aliceDm.id(), "carry on");

        awaitThreadContains(newerRoot.id(), "Continuing.");
        assertThat(threadText(olderRoot.id())).doesNotContain("Continuing.");
        assertThat(llm.wasPromptedWith(header(alice, newerRoot.id(), post.id(), aliceDm.id()) + "carry on")).isTrue();
        EmulatedPost notice = awaitBotPost(aliceDm.id(), "the routing notice", reply -> reply.rootId().equals(post.id()));
        assertThat(notice.message()).contains("Newer", newerRoot.id());
    }

    @Test
    void recentSessionModeWithoutAnySessionSaysSoAndSendsNothing() {
        startBridge(Map.of("OPENCODE_MM_MAIN_DM_PROMPT", "recent-session"));

        EmulatedPost post = mattermost.post(alice, aliceDm.id(), "carry on");

        EmulatedPost answer = awaitBotPost(aliceDm.id(), "the answer", reply -> reply.rootId().equals(post.id()));
        assertThat(answer.message()).contains("no active session");
        Eventually.quietPeriod(Duration.ofSeconds(2));
        assertThat(llm.requests()).isEmpty();
        assertThat(allSessions()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"OPENCODE_MM_MAIN_DM_PROMPT=reject", "OPENCODE_MM_AUTO_CREATE_SESSION=false"})
    void rejectModeAnswersInTheMainDmAndSendsNothing(String setting) {
        String[] nameAndValue = setting.split("=", 2);
        startBridge(Map.of(nameAndValue[0], nameAndValue[1]));
        awaitThreadRoot(createSession("Existing"));

        EmulatedPost post = mattermost.post(alice, aliceDm.id(), "hello there");

        EmulatedPost answer = awaitBotPost(aliceDm.id(), "the rejection", reply -> reply.rootId().equals(post.id()));
        assertThat(answer.message()).contains("Prompts go in a session's thread", "Existing");
        assertThat(llm.requests()).isEmpty();
        assertThat(allSessions()).hasSize(1);
    }

    @Test
    void aConfiguredDirectoryMissingOnTheServerGetsTheServersErrorInChatAndInTheLogAndStartsNothing() {
        String missing = serverDirectory.resolve("no-such-project").toString();
        BridgeProcess bridge = startBridge(Map.of("OPENCODE_MM_DIRECTORY", missing));

        EmulatedPost post = mattermost.post(alice, aliceDm.id(), "work there");

        EmulatedPost answer = awaitBotPost(aliceDm.id(), "the failure", reply -> reply.rootId().equals(post.id()));
        assertThat(answer.message()).contains("Could not start a session", Untrusted.inline(missing), "HTTP 500");
        assertThat(bridge.hasLogged("Could not start a session in " + missing)).isTrue();
        assertThat(allSessions()).isEmpty();
        assertThat(llm.requests()).isEmpty();
    }

    @Test
    void whenOpenCodeIsDownTheUserIsToldWhyAndARetryWorksOnceItIsBack() {
        startBridge();
        openCodeServer.stop();
        try {
            EmulatedPost failed = mattermost.post(alice, aliceDm.id(), "first try");

            EmulatedPost answer = awaitBotPost(aliceDm.id(), "the failure", reply -> reply.rootId().equals(failed.id()));
            assertThat(answer.message()).contains("Could not start a session", "You can try again");
        } finally {
            openCodeServer.restart();
        }
        assertThat(allSessions()).isEmpty();
        llm.enqueueText("Worked this time.");

        EmulatedPost retry = mattermost.post(alice, aliceDm.id(), "second try");

        awaitThreadContains(retry.id(), "Worked this time.");
        assertThat(allSessions()).hasSize(1);
    }
}
