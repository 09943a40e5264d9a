package dev.ocbridge.app.e2e;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.core.domain.SessionInfo;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** The thinnest real path: a thread for a session, a reply as a prompt, the answer back in the thread. */
class WalkingSkeletonIT extends EndToEndTest {

    @Test
    void aReplyInTheThreadOfAnExistingSessionIsAnsweredInThatThread() throws Exception {
        SessionInfo session = createSession("Existing work");
        startBridge();

        EmulatedPost root = awaitThreadRoot(session);
        assertThat(root.message()).contains("Existing work", session.shortId(), project.toString());

        llm.enqueueText("Hello ", "from the ", "agent.");
        EmulatedPost reply = mattermost.reply(alice, aliceDm.id(), root.id(), "please say hello");

        Eventually.awaitTrue("the prompt to reach the LLM", () -> llm.wasPromptedWith(
                header(alice, root.id(), reply.id(), aliceDm.id()) + "please say hello"));
        awaitThreadContains(root.id(), "Hello from the agent.");
        assertThat(Files.readString(mappingFile)).contains(session.id().value(), root.id());
    }
}
