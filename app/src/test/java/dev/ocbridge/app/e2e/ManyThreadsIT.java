package dev.ocbridge.app.e2e;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.adapter.opencode.testing.LlmReply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many sessions, all in the one direct channel, prompted at once: their threads are served in parallel, and each
 * answer arrives whole, in order, in its own thread only.
 */
class ManyThreadsIT extends EndToEndTest {
    private static final int SESSIONS = 50;
    private static final int WORDS = 20;

    @Test
    void fiftySessionsPromptedAtOnceEachGetTheirWholeAnswerInOrderInTheirOwnThread() {
        llm.respondWith(request -> {
            String text = request.lastUserText();
            String tag = text.substring(text.lastIndexOf('\n') + 1).replace("question ", "");
            return new LlmReply.Text(List.of(), answerChunks(tag), Duration.ofMillis(10));
        });
        startBridge();
        List<EmulatedPost> roots = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            roots.add(awaitThreadRoot(createSession("Session " + tag(i))));
        }

        for (int i = 0; i < SESSIONS; i++) {
            mattermost.reply(alice, aliceDm.id(), roots.get(i).id(), "question " + tag(i));
        }

        for (int i = 0; i < SESSIONS; i++) {
            awaitThreadContains(roots.get(i).id(), String.join("", answerChunks(tag(i))));
        }
        for (int i = 0; i < SESSIONS; i++) {
            String thread = threadText(roots.get(i).id());
            for (int other = 0; other < SESSIONS; other++) {
                if (other != i) {
                    assertThat(thread).doesNotContain(tag(other));
                }
            }
        }
    }

    /** {@code s07} for the eighth session: no tag is part of another. */
    private static String tag(int session) {
        return String.format("s%02d", session);
    }

    /** The answer for a session, streamed word by word; its words are numbered, so their order shows. */
    private static List<String> answerChunks(String tag) {
        List<String> chunks = new ArrayList<>();
        chunks.add("Answer " + tag + ":");
        IntStream.rangeClosed(1, WORDS).forEach(word -> chunks.add(String.format(" %s-w%02d", tag, word)));
        chunks.add(" end of " + tag + ".");
        return chunks;
    }
}
