package dev.ocbridge.app.e2e;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.adapter.opencode.testing.LlmReply;
import dev.ocbridge.core.domain.SessionInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code !stop} or 🛑 during a slow answer stops the run; the answer so far stays in the thread. */
class StopIT extends EndToEndTest {

    @ParameterizedTest
    @ValueSource(strings = {"!stop", ":octagonal_sign:"})
    void aSlowAnswerIsStoppedFromTheThreadAndTheServerIsIdleWithinSeconds(String how) {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            chunks.add("word" + i + " ");
        }
        chunks.add("THE END");
        llm.enqueue(LlmReply.text(chunks.toArray(String[]::new)).withDelay(Duration.ofMillis(250)));
        startBridge();
        SessionInfo session = createSession("Slow");
        EmulatedPost root = awaitThreadRoot(session);
        mattermost.reply(alice, aliceDm.id(), root.id(), "write slowly");
        EmulatedPost answer = awaitBotPost(aliceDm.id(), "the answer growing", post ->
                post.rootId().equals(root.id()) && post.message().contains("word"));

        long stoppedAt = System.nanoTime();
        if (how.equals("!stop")) {
            mattermost.reply(alice, aliceDm.id(), root.id(), "!stop");
        } else {
            mattermost.react(alice, answer.id(), "octagonal_sign");
        }

        Eventually.await("the session idle on the server", Duration.ofSeconds(10),
                () -> Optional.of(sessions().statuses()).filter(statuses -> !statuses.containsKey(session.id())));
        System.err.println("[measure] " + how + " to the session idle on the server: "
                + Duration.ofNanos(System.nanoTime() - stoppedAt).toMillis() + " ms");
        awaitThreadContains(root.id(), ":stop_sign: Stopped by @alice.");
        Eventually.quietPeriod(Duration.ofSeconds(2));
        String thread = threadText(root.id());
        assertThat(thread).contains("word0").doesNotContain("THE END");
        assertThat(mattermost.findPost(answer.id()).orElseThrow().message()).contains("word0");
        assertThat(botReplies(root.id())).filteredOn(post -> post.message().contains("Stopped")).hasSize(1);
    }
}
