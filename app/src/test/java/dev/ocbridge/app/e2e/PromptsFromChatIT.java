package dev.ocbridge.app.e2e;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedFile;
import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.adapter.mattermost.emulator.EmulatedReaction;
import dev.ocbridge.adapter.opencode.testing.LlmReply;
import dev.ocbridge.adapter.opencode.testing.LlmRequest;
import dev.ocbridge.core.domain.ModelRef;
import dev.ocbridge.core.domain.Prompt;
import dev.ocbridge.core.domain.PromptDelivery;
import dev.ocbridge.core.domain.PromptId;
import dev.ocbridge.core.domain.PromptPart;
import dev.ocbridge.core.domain.SessionInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Prompts from chat: while the session works, with a chosen model, with files, and what they changed. */
class PromptsFromChatIT extends EndToEndTest {
    private static final String WAITING = "hourglass_flowing_sand";
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    @Test
    void twoPromptsPostedThreeHundredMillisecondsApartAreBothAnsweredInOrderTheSecondMarkedWhileItWaits()
            throws InterruptedException {
        startBridge();
        EmulatedPost root = warmThread("Busy");
        llm.enqueue(LlmReply.text("First ", "answer ", "comes ", "slowly", ".").withDelay(Duration.ofMillis(400)));
        llm.enqueueText("Second answer.");

        EmulatedPost first = mattermost.reply(alice, aliceDm.id(), root.id(), "the first task");
        TimeUnit.MILLISECONDS.sleep(300);
        EmulatedPost second = mattermost.reply(alice, aliceDm.id(), root.id(), "the second task");

        Eventually.awaitTrue("the second prompt marked as waiting", () -> botReactionsOn(second).contains(WAITING));
        awaitThreadContains(root.id(), "Second answer.");
        Eventually.awaitTrue("the waiting mark taken off", () -> botReactionsOn(second).isEmpty());
        List<String> replies = botReplies(root.id()).stream().map(EmulatedPost::message).toList();
        assertThat(replies.subList(replies.size() - 2, replies.size())).satisfiesExactly(
                answer -> assertThat(answer).isEqualTo("First answer comes slowly."),
                answer -> assertThat(answer).startsWith("Second answer.\n\n:white_check_mark: Done in "));
        assertThat(botReactionsOn(first)).isEmpty();
        List<String> asked = llm.requests().stream().map(LlmRequest::lastUserText).toList();
        assertThat(asked).containsExactly(header(alice, root.id(), first.id(), aliceDm.id()) + "the first task",
                header(alice, root.id(), second.id(), aliceDm.id()) + "the second task");
    }

    @Test
    void aModelChosenInTheThreadIsTheOneTheModelServerIsAskedForAlsoAfterARestart() {
        BridgeProcess bridge = startBridge();
        SessionInfo session = createSession("Model choice");
        EmulatedPost root = awaitThreadRoot(session);

        EmulatedPost typo = mattermost.reply(alice, aliceDm.id(), root.id(), "!model fake/fake-modle-2");
        assertThat(answerTo(typo).message()).contains("nothing changed", "`!model fake/fake-model-2`");
        EmulatedPost choice = mattermost.reply(alice, aliceDm.id(), root.id(), "!model fake/fake-model-2");
        assertThat(answerTo(choice).message()).contains("This session now uses `fake/fake-model-2`");
        llm.enqueueText("Answered by model two.");
        mattermost.reply(alice, aliceDm.id(), root.id(), "who answers?");
        awaitThreadContains(root.id(), "Answered by model two.");
        assertThat(bridge.stop()).isEqualTo(BridgeProcess.TERMINATED);
        // Another client prompts with the server's default, which the server then keeps for the session.
        sessions().sendPrompt(session.id(), new Prompt(PromptId.fresh(), List.of(new PromptPart.Text("from the TUI")),
                new ModelRef("fake", "fake-model"), null, PromptDelivery.STEER));
        Eventually.awaitTrue("the other client's prompt answered", () -> llm.wasPromptedWith("from the TUI"));

        startBridge();
        llm.enqueueText("Still model two.");
        mattermost.reply(alice, aliceDm.id(), root.id(), "and now?");

        awaitThreadContains(root.id(), "Still model two.");
        assertThat(modelsAskedFor("who answers?")).containsOnly("fake-model-2");
        assertThat(modelsAskedFor("from the TUI")).containsOnly("fake-model");
        assertThat(modelsAskedFor("and now?")).containsOnly("fake-model-2");
    }

    @Test
    void aModelChosenInTheMainDmIsWhereSessionsStartedThereBeginAlsoAfterARestart() {
        BridgeProcess bridge = startBridge();
        EmulatedPost choice = mattermost.post(alice, aliceDm.id(), "!model other/other-model");
        assertThat(answerTo(choice).message()).contains("Sessions you start here from now on use `other/other-model`");
        assertThat(bridge.stop()).isEqualTo(BridgeProcess.TERMINATED);

        startBridge();
        llm.enqueueText("Answered by the other provider.");
        EmulatedPost task = mattermost.post(alice, aliceDm.id(), "a fresh task");

        awaitThreadContains(task.id(), "Answered by the other provider.");
        assertThat(modelsAskedFor("a fresh task")).containsOnly("other-model");
    }

    @Test
    void aTextFileAndAnImagePostedWithoutTextReachOpenCodeAsFileParts() throws Exception {
        startBridge();
        SessionInfo session = createSession("Files");
        EmulatedPost root = awaitThreadRoot(session);
        EmulatedFile notes = mattermost.upload(alice, aliceDm.id(), "notes.txt", "text/plain",
                "remember the blue door\n".getBytes(StandardCharsets.UTF_8));
        EmulatedFile picture = mattermost.upload(alice, aliceDm.id(), "pixel.png", "image/png", PNG);
        llm.enqueueText("I see a note and a picture.");

        mattermost.reply(alice, aliceDm.id(), root.id(), "", List.of(notes.id(), picture.id()));

        awaitThreadContains(root.id(), "I see a note and a picture.");
        String messages = messagesOnTheServer(session);
        assertThat(messages).contains("\"filename\":\"notes.txt\"", "\"mime\":\"text/plain\"",
                "\"filename\":\"pixel.png\"", "\"mime\":\"image/png\"");
        LlmRequest request = llm.requests().get(0);
        assertThat(request.lastUserText()).contains("remember the blue door",
                "Cannot read \"pixel.png\" (this model does not support image input)");
    }

    @Test
    void aFileOverTheDefaultLimitIsLeftOutWithAMessageAndTheRestOfThePromptGoes() {
        startBridge();
        EmulatedPost root = awaitThreadRoot(createSession("Too big"));
        EmulatedFile big = mattermost.upload(alice, aliceDm.id(), "huge.log", "text/plain",
                new byte[10 * 1024 * 1024 + 1]);
        llm.enqueueText("Only the text arrived.");

        mattermost.reply(alice, aliceDm.id(), root.id(), "check the log", List.of(big.id()));

        awaitThreadContains(root.id(), "Only the text arrived.");
        awaitThreadContains(root.id(), "Not sent to the agent: `huge.log` (10.0 MB, more than the 10 MB allowed)");
        assertThat(llm.requests().get(0).lastUserText()).endsWith("check the log");
    }

    @Test
    void diffAfterTheAgentEditedAFilePostsTheChangesAsADiffFile() throws Exception {
        Process init = new ProcessBuilder("git", "init", "-q", project.toString()).inheritIO().start();
        assertThat(init.waitFor()).isZero();
        startBridge();
        SessionInfo session = createSession("Editing");
        EmulatedPost root = awaitThreadRoot(session);
        llm.enqueue(LlmReply.tool("write", Map.of("filePath", project.resolve("hello.txt").toString(),
                "content", "line one\nline two\n")));
        llm.enqueueText("Written.");
        mattermost.reply(alice, aliceDm.id(), root.id(), "write hello.txt");
        awaitThreadContains(root.id(), "Written.");
        assertThat(Files.readString(project.resolve("hello.txt"))).isEqualTo("line one\nline two\n");
        // OpenCode records a prompt's changes when its run ends (session.diff follows session.idle), which can be
        // after the last text reached the thread: a !diff before then truly finds no changes yet.
        Eventually.awaitTrue("OpenCode to record the change", () -> !sessions().changes(session.id()).isEmpty());

        EmulatedPost command = mattermost.reply(alice, aliceDm.id(), root.id(), "!diff");

        EmulatedPost answer = answerTo(command);
        assertThat(answer.message()).isEqualTo("**Changes**: 1 file changed, 2 lines added, 0 removed (`hello.txt`)");
        assertThat(answer.fileIds()).hasSize(1);
        EmulatedFile diff = mattermost.findFile(answer.fileIds().get(0)).orElseThrow();
        assertThat(diff.name()).isEqualTo("session-" + session.shortId() + ".diff");
        assertThat(new String(diff.content(), StandardCharsets.UTF_8)).contains("hello.txt", "+line one\n+line two");
    }

    /** A session's thread whose first exchange is done, so the server answers its next prompt at once. */
    private EmulatedPost warmThread(String title) {
        EmulatedPost root = awaitThreadRoot(createSession(title));
        llm.enqueueText("Warmed up.");
        mattermost.reply(alice, aliceDm.id(), root.id(), "warm up");
        awaitThreadContains(root.id(), "Warmed up.");
        Eventually.awaitTrue("the warm-up run to end", () -> sessions().statuses().isEmpty());
        llm.reset();
        return root;
    }

    /** The bot's first reply after {@code post} in its thread. */
    private EmulatedPost answerTo(EmulatedPost post) {
        String root = post.rootId().isEmpty() ? post.id() : post.rootId();
        return Eventually.await("the answer to " + post.message(), () -> mattermost.threadOf(root).stream()
                .filter(reply -> reply.userId().equals(bot.id()) && reply.createAt() > post.createAt())
                .findFirst());
    }

    private List<String> botReactionsOn(EmulatedPost post) {
        return mattermost.reactionsOn(post.id()).stream()
                .filter(reaction -> reaction.userId().equals(bot.id()))
                .map(EmulatedReaction::emojiName)
                .toList();
    }

    private List<String> modelsAskedFor(String text) {
        return llm.requestsMatching(request -> request.lastUserText().endsWith(text)).stream()
                .map(LlmRequest::model).toList();
    }

    private String messagesOnTheServer(SessionInfo session) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(openCodeServer.baseUrl().resolve(
                "/session/" + session.id() + "/message")).timeout(Duration.ofSeconds(30)).GET().build();
        // OpenCode's server never answers the HTTP/2 upgrade the JDK client tries first.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Optional.ofNullable(response.body()).orElse("");
    }
}
