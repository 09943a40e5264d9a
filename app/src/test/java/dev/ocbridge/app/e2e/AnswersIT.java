package dev.ocbridge.app.e2e;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.adapter.opencode.testing.LlmReply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** How the agent's answers arrive in the thread. */
class AnswersIT extends EndToEndTest {

    @Test
    void aFortyThousandCharacterAnswerArrivesCompleteInOrderAndOnceAcrossPosts() {
        String text = fortyThousandCharacters();
        llm.enqueue(inChunksOf700(text));
        startBridge();
        EmulatedPost root = awaitThreadRoot(createSession("Long answer"));

        mattermost.reply(alice, aliceDm.id(), root.id(), "write a lot");

        awaitThreadContains(root.id(), "THE END.");
        List<EmulatedPost> answer = botReplies(root.id());
        assertThat(answer).hasSizeGreaterThanOrEqualTo(3);
        assertThat(answer).allSatisfy(post -> assertThat(post.message().length()).isLessThanOrEqualTo(15_000));
        String thread = threadText(root.id());
        assertThat(thread).startsWith(text + "\n\n:white_check_mark: Done in ");
        assertThat(thread.substring(text.length() + 2)).as("nothing but the run's closing line after the answer")
                .doesNotContain("\n");
    }

    @Test
    void anAnswerThatEndsInAnErrorShowsTheErrorInTheThread() {
        llm.enqueue(new LlmReply.HttpError(400, "invalid_request_error", "fake upstream failure 400"));
        startBridge();
        EmulatedPost root = awaitThreadRoot(createSession("Doomed"));

        mattermost.reply(alice, aliceDm.id(), root.id(), "try it");

        awaitThreadContains(root.id(), "fake upstream failure 400");
        assertThat(threadText(root.id())).contains("The agent stopped with an error");
    }

    @Test
    void aThreadOverItsRateLimitHoldsUpNeitherTheMainDmNorItsOwnAnswerForGood() {
        llm.enqueueText("The answer in the rate-limited thread.");
        startBridge();
        EmulatedPost root = awaitThreadRoot(createSession("Rate limited"));
        mattermost.throttleThread(root.id(), 5);
        int createsBefore = mattermost.requestCount("POST /posts");

        mattermost.reply(alice, aliceDm.id(), root.id(), "answer me");
        Eventually.await("the answer's post refused with a 429",
                () -> Optional.of(mattermost.requestCount("POST /posts")).filter(count -> count > createsBefore));
        EmulatedPost status = mattermost.post(alice, aliceDm.id(), "!status");
        EmulatedPost statusAnswer = awaitBotPost(aliceDm.id(), "the answer to !status",
                reply -> reply.rootId().equals(status.id()));

        assertThat(statusAnswer.message()).contains("Mattermost: connected");
        assertThat(threadText(root.id())).doesNotContain("The answer in the rate-limited thread.");
        mattermost.stopRefusing();
        awaitThreadContains(root.id(), "The answer in the rate-limited thread.");
        assertThat(botReplies(root.id())).extracting(EmulatedPost::message)
                .filteredOn(message -> message.contains("The answer in the rate-limited thread.")).hasSize(1);
    }

    @Test
    void anAnswerWhoseCreateResponseWasLostAfterTheServerStoredItIsPostedOnce() {
        llm.enqueueText("Stored once, answered once.");
        startBridge();
        EmulatedPost root = awaitThreadRoot(createSession("Lost answer"));
        int createsBefore = mattermost.requestCount("POST /posts");
        mattermost.loseAnswers("POST /posts", 1);

        mattermost.reply(alice, aliceDm.id(), root.id(), "answer me");

        awaitThreadContains(root.id(), "Stored once, answered once.");
        Eventually.quietPeriod(Duration.ofSeconds(1));
        assertThat(botReplies(root.id())).extracting(EmulatedPost::message)
                .filteredOn(message -> message.contains("Stored once, answered once.")).hasSize(1);
        assertThat(mattermost.requestCount("POST /posts")).isGreaterThanOrEqualTo(createsBefore + 2);
    }
}
