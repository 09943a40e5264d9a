package dev.ocbridge.app.e2e;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.adapter.opencode.testing.LlmReply;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent asks a question with its {@code question} tool; Alice answers in the thread, by reply or reaction. */
class QuestionsIT extends ControlEndToEndTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"reply, 2, Blue", "reply, red, Red", "reply, 'Green, actually', 'Green, actually'",
            "react, two, Blue"})
    void aQuestionIsAnsweredByNumberLabelOwnWordsOrReaction(String how, String answer, String theAgentReads) {
        llm.enqueue(LlmReply.question("Colour", "Which colour should the button be?", "Red", "Blue"));
        llm.enqueueText("Noted.");
        startBridge();
        EmulatedPost root = promptInANewSession("Asks first", "make a button");
        EmulatedPost question = awaitQuestionPost(root, 2);
        assertThat(question.message()).startsWith("@alice ").contains("Which colour should the button be?",
                "1. Red", "2. Blue");

        if (how.equals("react")) {
            mattermost.react(alice, question.id(), answer);
        } else {
            mattermost.reply(alice, aliceDm.id(), root.id(), answer);
        }

        awaitToolResultContaining("\"Which colour should the button be?\"=\"" + theAgentReads + "\"");
        awaitPostSays(question, "**Answered** by @alice in Mattermost: **" + theAgentReads
                + "**");
        awaitThreadContains(root.id(), "Noted.");
    }
}
