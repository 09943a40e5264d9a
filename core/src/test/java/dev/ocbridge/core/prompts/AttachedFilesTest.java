package dev.ocbridge.core.prompts;

import dev.ocbridge.core.domain.ChatFile;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.FileId;
import dev.ocbridge.core.domain.Prompt;
import dev.ocbridge.core.domain.PromptPart;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.testing.CoreTestKit;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Files attached to a prompt go with it as file parts; files that cannot go are named, and the rest goes. */
class AttachedFilesTest {
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private final CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();
    private final ThreadMapping mapping = kit.sessionWithThread("With files");

    @Test
    void aTextFileGoesAsATextPartWithItsNameAndContent() {
        ChatFile notes = kit.chat.addFile("notes.txt", "text/plain", bytes("hello from notes\n"));

        reply("read this", notes);

        PromptPart.File part = onlyFilePart();
        assertThat(part.filename()).isEqualTo("notes.txt");
        assertThat(part.mimeType()).isEqualTo("text/plain");
        assertThat(part.url()).isEqualTo("data:text/plain;base64,"
                + Base64.getEncoder().encodeToString(bytes("hello from notes\n")));
    }

    @Test
    void anImageGoesAsTheImageItIsWhateverTypeTheChatServerNamed() {
        ChatFile picture = kit.chat.addFile("screenshot", "application/octet-stream", PNG);

        reply("what is this?", picture);

        assertThat(onlyFilePart().mimeType()).isEqualTo("image/png");
        assertThat(onlyFilePart().url()).startsWith("data:image/png;base64,iVBOR");
    }

    @Test
    void textTheChatServerCallsSomethingElseGoesAsText() {
        ChatFile json = kit.chat.addFile("data.json", "application/json", bytes("{\"a\": 1}"));

        reply("parse it", json);

        assertThat(onlyFilePart().mimeType()).isEqualTo("text/plain");
        assertThat(onlyFilePart().filename()).isEqualTo("data.json");
    }

    @Test
    void aPostWithOnlyFilesIsAPrompt() {
        ChatFile notes = kit.chat.addFile("notes.txt", "text/plain", bytes("just this"));

        reply("", notes);

        Prompt prompt = onlyPrompt();
        assertThat(((PromptPart.Text) prompt.parts().get(0)).text()).startsWith("[Mattermost DM from @alice]");
        assertThat(prompt.parts()).hasSize(2);
    }

    @Test
    void aFileOverTheLimitIsLeftOutAndNamedAndTheRestGoes() {
        ChatFile big = kit.chat.addFile("big.log", "text/plain", new byte[(int) CoreTestKit.MAX_FILE_BYTES + 1]);
        ChatFile small = kit.chat.addFile("small.txt", "text/plain", bytes("small"));

        reply("look at both", big, small);

        assertThat(onlyFilePart().filename()).isEqualTo("small.txt");
        assertThat(lastBotMessage()).contains("`big.log`", "1.0 KB", "more than the 1.0 KB allowed",
                "The rest was sent");
    }

    @Test
    void aFileTheAgentCannotReadIsLeftOutAndTheTextGoes() {
        ChatFile archive = kit.chat.addFile("code.zip", "application/zip", new byte[]{'P', 'K', 3, 4, 0, 0});

        reply("unpack this", archive);

        Prompt prompt = onlyPrompt();
        assertThat(prompt.parts()).hasSize(1);
        assertThat(((PromptPart.Text) prompt.parts().get(0)).text()).endsWith("unpack this");
        assertThat(lastBotMessage()).contains("`code.zip`", "text, images (PNG, JPEG, GIF, WebP) and PDF");
    }

    @Test
    void aPostWhoseOnlyFileIsLeftOutSendsNothingAndSaysSo() {
        ChatFile archive = kit.chat.addFile("code.zip", "application/zip", new byte[]{'P', 'K', 3, 4, 0, 0});

        reply("", archive);

        assertThat(kit.sessions.promptsTo(mapping.sessionId())).isEmpty();
        assertThat(lastBotMessage()).startsWith(":warning: Nothing was sent to the agent").contains("`code.zip`");
    }

    @Test
    void aFileThatCannotBeFetchedWhileTheChatServerIsAwayGoesOnceWhenItIsBack() {
        ChatFile notes = kit.chat.addFile("notes.txt", "text/plain", bytes("hello"));
        kit.chat.failNextDownloads(1);

        reply("read this", notes);
        assertThat(kit.sessions.promptsTo(mapping.sessionId())).isEmpty();
        kit.scheduler.advance(Duration.ofSeconds(1));

        assertThat(onlyFilePart().filename()).isEqualTo("notes.txt");
    }

    @Test
    void aFileNameCannotFormatTheBotsPost() {
        ChatFile archive = kit.chat.addFile("evil`name @all.zip", "application/zip", new byte[]{0, 1, 2});

        reply("here", archive);

        assertThat(lastBotMessage()).contains("``evil`name @\u200Ball.zip``").doesNotContain("@all");
    }

    private void reply(String text, ChatFile... files) {
        List<FileId> ids = List.of(files).stream().map(ChatFile::id).toList();
        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), text, ids);
    }

    private Prompt onlyPrompt() {
        assertThat(kit.sessions.promptsTo(mapping.sessionId())).hasSize(1);
        return kit.sessions.promptsTo(mapping.sessionId()).get(0);
    }

    private PromptPart.File onlyFilePart() {
        List<PromptPart.File> files = onlyPrompt().parts().stream()
                .filter(PromptPart.File.class::isInstance).map(PromptPart.File.class::cast).toList();
        assertThat(files).hasSize(1);
        return files.get(0);
    }

    private String lastBotMessage() {
        List<ChatPost> posts = kit.chat.postsBy(kit.bot.id());
        return posts.get(posts.size() - 1).message();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
