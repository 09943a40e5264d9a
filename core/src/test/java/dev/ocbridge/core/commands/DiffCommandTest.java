package dev.ocbridge.core.commands;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.FileChange;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.testing.CoreTestKit;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code !diff} posts the session's changes as a {@code .diff} attachment with a one-line summary. */
class DiffCommandTest {
    private static final String HELLO_PATCH = "Index: hello.txt\n===\n--- hello.txt\t\n+++ hello.txt\t\n"
            + "@@ -0,0 +1,2 @@\n+line one\n+line two\n";
    private static final String EXISTING_PATCH = "Index: existing.txt\n===\n--- existing.txt\t\n+++ existing.txt\t\n"
            + "@@ -1,1 +1,1 @@\n-old\n+new";

    private final CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();
    private final ThreadMapping mapping = kit.sessionWithThread("Editing");

    @Test
    void theChangesArriveAsADiffFileWithTheirSummary() {
        kit.sessions.changed(mapping.sessionId(), List.of(
                new FileChange("hello.txt", FileChange.Kind.ADDED, 2, 0, HELLO_PATCH),
                new FileChange("existing.txt", FileChange.Kind.MODIFIED, 1, 1, EXISTING_PATCH)));

        ChatPost answer = diff();

        assertThat(answer.rootId()).isEqualTo(mapping.thread().root());
        assertThat(answer.message()).isEqualTo(
                "**Changes**: 2 files changed, 3 lines added, 1 removed (`hello.txt`, `existing.txt`)");
        assertThat(answer.fileIds()).hasSize(1);
        var file = kit.chat.storedFile(answer.fileIds().get(0));
        assertThat(file.info().name()).isEqualTo("session-" + mapping.shortId() + ".diff");
        assertThat(new String(file.content(), StandardCharsets.UTF_8)).isEqualTo(HELLO_PATCH + EXISTING_PATCH + "\n");
    }

    @Test
    void aFileChangedByTwoPromptsCountsOnce() {
        kit.sessions.changed(mapping.sessionId(), List.of(
                new FileChange("hello.txt", FileChange.Kind.ADDED, 2, 0, HELLO_PATCH),
                new FileChange("hello.txt", FileChange.Kind.MODIFIED, 1, 1, "@@ -1 +1 @@\n-line one\n+line 1\n")));

        assertThat(diff().message()).startsWith("**Changes**: 1 file changed, 3 lines added, 1 removed (`hello.txt`)");
    }

    @Test
    void aSessionWithoutChangesSaysSoWithoutAFile() {
        ChatPost answer = diff();

        assertThat(answer.message()).contains("has changed no files yet");
        assertThat(answer.fileIds()).isEmpty();
    }

    @Test
    void inTheMainDmItSaysWhereItWorks() {
        kit.userPosts(kit.alice, kit.aliceDm, null, "!diff");

        assertThat(lastBotPost().message()).contains("use it in that session's thread");
    }

    @Test
    void fileNamesCannotFormatTheSummary() {
        kit.sessions.changed(mapping.sessionId(), List.of(
                new FileChange("*bold* @channel.txt", FileChange.Kind.ADDED, 1, 0, "@@ -0,0 +1 @@\n+x\n")));

        assertThat(diff().message()).contains("`*bold* @\u200Bchannel.txt`").doesNotContain("@channel");
    }

    private ChatPost diff() {
        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "!diff");
        return lastBotPost();
    }

    private ChatPost lastBotPost() {
        List<ChatPost> posts = kit.chat.postsBy(kit.bot.id());
        return posts.get(posts.size() - 1);
    }
}
