package dev.ocbridge.app.e2e;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.adapter.opencode.testing.LlmReply;
import dev.ocbridge.core.domain.SessionInfo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kill -9} of the bridge during an answer that then finishes while it is down. */
class CrashIT extends EndToEndTest {

    @Test
    void anAnswerThatFinishesWhileTheBridgeIsKilledIsInTheThreadWholeAndOnceAfterTheRestart() {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            chunks.add("word" + i + " ");
        }
        chunks.add("THE END.");
        String answer = String.join("", chunks);
        llm.enqueue(LlmReply.text(chunks.toArray(String[]::new)).withDelay(Duration.ofMillis(200)));
        BridgeProcess first = startBridge();
        SessionInfo session = createSession("Crash");
        EmulatedPost root = awaitThreadRoot(session);
        mattermost.reply(alice, aliceDm.id(), root.id(), "write slowly");
        awaitThreadContains(root.id(), "word5 ");
        // Past the state file's batching of a second, so what the posts show is recorded.
        Eventually.quietPeriod(Duration.ofMillis(1_500));

        first.kill();
        Eventually.await("the answer complete on the OpenCode server", Duration.ofSeconds(30),
                () -> Optional.of(sessions().latestAnswerText(session.id())).filter(text -> text.endsWith("THE END.")));
        assertThat(threadText(root.id())).as("the answer finished while the bridge was down")
                .doesNotContain("THE END.");
        startBridge();

        awaitThreadContains(root.id(), "THE END.");
        Eventually.quietPeriod(Duration.ofSeconds(2));
        assertThat(threadText(root.id())).isEqualTo(answer);
    }
}
