package dev.ocbridge.app.e2e;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.adapter.opencode.testing.LlmRequest;
import dev.ocbridge.core.domain.SessionInfo;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * The world of the control-from-chat tests: the test's project asks before every shell command
 * ({@code "permission": {"bash": "ask"}}, as a user would configure it), and helpers to prompt a session and follow
 * the posts of its requests.
 */
abstract class ControlEndToEndTest extends EndToEndTest {

    @BeforeEach
    void projectAsksBeforeShellCommands() throws IOException {
        Files.writeString(project.resolve("opencode.json"), "{\"permission\": {\"bash\": \"ask\"}}");
    }

    /**
     * A session created in the project, its thread, and Alice's prompt in it; returns the thread's root. Alice
     * replies once the bridge has linked the thread to the session (it posts the root first), as a person who read
     * the root would.
     */
    protected EmulatedPost promptInANewSession(String title, String prompt) {
        SessionInfo session = createSession(title);
        EmulatedPost root = awaitThreadRoot(session);
        Eventually.awaitTrue("the thread linked in the state file", () -> stateFileNames(root.id()));
        mattermost.reply(alice, aliceDm.id(), root.id(), prompt);
        return root;
    }

    private boolean stateFileNames(String postId) {
        try {
            return Files.exists(mappingFile) && Files.readString(mappingFile).contains(postId);
        } catch (IOException e) {
            return false;
        }
    }

    /** The permission post, once the bot has put its three answer reactions under it, as a person would see it. */
    protected EmulatedPost awaitPermissionPost(EmulatedPost root) {
        return withAnswerReactions(awaitBotPost(aliceDm.id(), "the permission request in thread " + root.id(),
                post -> post.rootId().equals(root.id()) && post.message().contains("asks for permission")), 3);
    }

    /** The question post, once the bot has put a reaction per option and 👎 under it. */
    protected EmulatedPost awaitQuestionPost(EmulatedPost root, int options) {
        return withAnswerReactions(awaitBotPost(aliceDm.id(), "the question in thread " + root.id(),
                post -> post.rootId().equals(root.id()) && post.message().contains("OpenCode asks")), options + 1);
    }

    /**
     * The bridge adds the reactions after it has linked the post to its request: a person answers a post they have
     * seen, not in the milliseconds in between, and neither do these tests.
     */
    private EmulatedPost withAnswerReactions(EmulatedPost post, int reactions) {
        Eventually.awaitTrue("the answer reactions on post " + post.id(), () -> mattermost.reactionsOn(post.id())
                .stream().filter(reaction -> reaction.userId().equals(bot.id())).count() == reactions);
        return post;
    }

    /** The post as the server holds it now, edits included. */
    protected String textOf(EmulatedPost post) {
        return mattermost.findPost(post.id()).orElseThrow().message();
    }

    protected String awaitPostSays(EmulatedPost post, String text) {
        return Eventually.await("post " + post.id() + " to say '" + text + "'",
                () -> Optional.of(textOf(post)).filter(message -> message.contains(text)));
    }

    /** The model's request after a tool ran: its tool results carry what the tool gave back. */
    protected LlmRequest awaitToolResultContaining(String text) {
        return Eventually.await("a tool result containing '" + text + "'", () -> llm.requests().stream()
                .filter(request -> request.toolResults().stream().anyMatch(result -> result.contains(text)))
                .findFirst());
    }
}
