package dev.ocbridge.app.e2e;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.adapter.mattermost.emulator.MattermostEmulator;
import dev.ocbridge.core.domain.MessageRole;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chat server that answers every request with 503 for four minutes (an upgrade), twice as long as the fixed
 * retry budget the bridge once had, while an answer finishes and a prompt is posted: nothing of either is lost and
 * nothing doubled.
 */
class ChatOutageIT extends EndToEndTest {
    private static final Duration OUTAGE = Duration.ofMinutes(4);
    private static final String SECOND_ANSWER = "The short one, after the outage.";

    @Test
    void anAnswerThatFinishesAndAPromptPostedWhileChatAnswers503ForFourMinutesAreEachDeliveredOnce() {
        String text = fortyThousandCharacters();
        llm.enqueue(inChunksOf700(text).withDelay(Duration.ofMillis(200)));
        llm.enqueueText(SECOND_ANSWER);
        startBridge();
        SessionInfo session = createSession("Through an outage");
        EmulatedPost root = awaitThreadRoot(session);

        mattermost.reply(alice, aliceDm.id(), root.id(), "write a lot");
        awaitThreadContains(root.id(), "Line 0:");
        mattermost.failWith(MattermostEmulator.ANY_ENDPOINT, Integer.MAX_VALUE, 503);
        long outageStarted = System.nanoTime();
        awaitAnswerFinishedOnTheServer(session.id());
        assertThat(threadText(root.id())).as("the answer finished while chat was away").doesNotContain("THE END.");
        mattermost.reply(alice, aliceDm.id(), root.id(), "and now a short one");
        Eventually.quietPeriod(OUTAGE.minusNanos(System.nanoTime() - outageStarted));
        mattermost.stopRefusing();

        Eventually.await("both answers after the outage", Duration.ofMinutes(2),
                () -> Optional.of(threadText(root.id())).filter(all -> all.contains(SECOND_ANSWER)));
        String thread = threadText(root.id());
        assertThat(thread).startsWith(text + "\n\n:white_check_mark: Done in ");
        String afterTheFirstRun = thread.substring(thread.indexOf(":white_check_mark: Done in "));
        assertThat(afterTheFirstRun.split(SECOND_ANSWER, -1)).as("the second answer once").hasSize(2);
        assertThat(afterTheFirstRun).as("the first answer once").doesNotContain("THE END.");
        assertThat(sessions().messages(session.id())).filteredOn(message -> message.role() == MessageRole.USER)
                .as("each prompt reached the session once").hasSize(2);
    }

    private void awaitAnswerFinishedOnTheServer(SessionId session) {
        Eventually.await("the answer complete on the OpenCode server", Duration.ofMinutes(2),
                () -> Optional.of(sessions().latestAnswerText(session)).filter(answer -> answer.endsWith("THE END.")));
    }
}
