package dev.ocbridge.core.control;

import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.Question;
import dev.ocbridge.core.domain.QuestionId;
import dev.ocbridge.core.domain.QuestionRequest;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.testing.CoreTestKit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent asks questions; the thread shows them numbered and takes the answers in order. */
class QuestionsInChatTest {
    private static final Question COLOUR = new Question("Colour", "Which colour should the button be?",
            List.of(new Question.Option("Red", "A red button"), new Question.Option("Blue", "A blue button")),
            false, true);
    private static final Question SIZES = new Question("Size", "Which sizes?",
            List.of(new Question.Option("Small", ""), new Question.Option("Medium", ""),
                    new Question.Option("Large", "")), true, true);

    private CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();
    private final ThreadMapping mapping = kit.sessionWithThread("Work");

    private QuestionRequest asks(String id, Question... questions) {
        QuestionRequest request = new QuestionRequest(new QuestionId(id), mapping.sessionId(), List.of(questions));
        kit.sessions.addQuestion(request);
        kit.agentReports(new SessionEvent.QuestionAsked(request));
        return request;
    }

    private ChatPost post() {
        return kit.chat.postsIn(kit.aliceDm).stream().filter(post -> post.message().contains("OpenCode asks"))
                .findFirst().map(post -> kit.chat.post(post.id())).orElseThrow();
    }

    private void aliceReplies(String text) {
        kit.clock.advance(Duration.ofMillis(10));
        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), text);
    }

    private void aliceReacts(String emoji) {
        kit.clock.advance(Duration.ofMillis(10));
        kit.userReacts(kit.alice, post().id(), emoji);
    }

    @Test
    void aQuestionIsPostedWithItsOptionsNumberedFromOneAndReactionsToPickThem() {
        asks("que_1", COLOUR);

        assertThat(post().thread()).isEqualTo(mapping.thread());
        assertThat(post().message()).startsWith("@alice ").contains("Colour", "**Which colour should the button be?**",
                "\n1. Red: A red button", "\n2. Blue: A blue button", ":one: to :two:", ":-1:");
        assertThat(kit.chat.reactionsOn(post().id())).containsExactlyInAnyOrder("one", "two", "-1");
    }

    @Test
    void aNumberAnswersWithThatOption() {
        QuestionRequest request = asks("que_1", COLOUR);

        aliceReplies("2");

        assertThat(kit.sessions.questionAnswers()).containsEntry(request, List.of(List.of("Blue")));
        assertThat(post().message()).contains("**Answered** by @alice in Mattermost: **Blue**")
                .doesNotContain(":point_right:");
        assertThat(kit.sessions.promptsTo(mapping.sessionId())).isEmpty();
    }

    @Test
    void aLabelAnswersWithThatOption() {
        QuestionRequest request = asks("que_1", COLOUR);

        aliceReplies("red");

        assertThat(kit.sessions.questionAnswers()).containsEntry(request, List.of(List.of("Red")));
    }

    @Test
    void otherTextIsACustomAnswer() {
        QuestionRequest request = asks("que_1", COLOUR);

        aliceReplies("Green, actually");

        assertThat(kit.sessions.questionAnswers()).containsEntry(request, List.of(List.of("Green, actually")));
    }

    @Test
    void aNumberReactionAnswersWithThatOption() {
        QuestionRequest request = asks("que_1", COLOUR);

        aliceReacts("two");

        assertThat(kit.sessions.questionAnswers()).containsEntry(request, List.of(List.of("Blue")));
    }

    @Test
    void thumbsDownDismissesTheQuestion() {
        QuestionRequest request = asks("que_1", COLOUR);

        aliceReacts("-1");

        assertThat(kit.sessions.rejectedQuestions()).containsExactly(request);
        assertThat(post().message()).contains("**Dismissed** by @alice in Mattermost.");
    }

    @Test
    void anAnswerThatIsNoOptionGetsAHintAndTheQuestionStillWaits() {
        QuestionRequest request = asks("que_1", COLOUR);

        aliceReplies("1,2");

        assertThat(kit.sessions.questionAnswers()).isEmpty();
        assertThat(kit.chat.postsIn(kit.aliceDm).get(kit.chat.postsIn(kit.aliceDm).size() - 1).message())
                .contains("Only one option");
        aliceReplies("1");
        assertThat(kit.sessions.questionAnswers()).containsEntry(request, List.of(List.of("Red")));
    }

    @Test
    void severalQuestionsAreAnsweredInOrderAndSentTogether() {
        QuestionRequest request = asks("que_1", COLOUR, SIZES);
        assertThat(post().message()).contains("2 questions", "Now question 1");

        aliceReacts("one");

        assertThat(kit.sessions.questionAnswers()).isEmpty();
        assertThat(post().message()).contains("**1.** Colour · **Which colour", "**2.** Size · **Which sizes?** _(one "
                + "or more)_", ":ballot_box_with_check: **Red**", "Now question 2. Reply", "`1,2`");
        aliceReplies("1, 3");
        assertThat(kit.sessions.questionAnswers()).containsEntry(request,
                List.of(List.of("Red"), List.of("Small", "Large")));
        assertThat(post().message()).contains("**Answered** by @alice in Mattermost: 1. **Red** · 2. **Small**, **Large**");
    }

    @Test
    void answersGivenBeforeARestartAreKeptAndAnOldReactionIsNotUsedTwice() {
        QuestionRequest request = asks("que_1", COLOUR, SIZES);
        aliceReacts("one");
        kit = kit.restart();

        kit.inbox.onChatEvent(new ChatEvent.Connected(false));
        assertThat(kit.sessions.questionAnswers()).isEmpty();
        aliceReplies("Medium");

        assertThat(kit.sessions.questionAnswers()).containsEntry(request, List.of(List.of("Red"), List.of("Medium")));
    }

    @Test
    void reactionsMadeWhileTheChatConnectionWasDownAnswerInTheOrderTheyWereMade() {
        QuestionRequest request = asks("que_1", COLOUR, SIZES);
        kit.clock.advance(Duration.ofMillis(10));
        kit.chat.reactAs(kit.alice, post().id(), "two");
        kit.clock.advance(Duration.ofMillis(10));
        kit.chat.reactAs(kit.alice, post().id(), "three");

        kit.inbox.onChatEvent(new ChatEvent.Connected(true));

        assertThat(kit.sessions.questionAnswers()).containsEntry(request, List.of(List.of("Blue"), List.of("Large")));
    }

    @Test
    void answeredInAnotherClientThePostShowsTheAnswer() {
        QuestionRequest request = asks("que_1", COLOUR);

        kit.agentReports(new SessionEvent.QuestionReplied(mapping.sessionId(), request.id(), List.of(List.of("Blue"))));

        assertThat(post().message()).contains("**Answered** in another OpenCode client: **Blue**");
        aliceReplies("1");
        assertThat(kit.sessions.questionAnswers()).isEmpty();
        assertThat(kit.promptTextsTo(mapping.sessionId())).hasSize(1);
    }

    @Test
    void dismissedInAnotherClientThePostSaysSo() {
        QuestionRequest request = asks("que_1", COLOUR);

        kit.agentReports(new SessionEvent.QuestionRejected(mapping.sessionId(), request.id()));

        assertThat(post().message()).contains("**Dismissed** in another OpenCode client.");
    }

    @Test
    void aStrangersReactionDoesNothing() {
        asks("que_1", COLOUR);

        kit.clock.advance(Duration.ofMillis(10));
        kit.userReacts(kit.bob, post().id(), "one");

        assertThat(kit.sessions.questionAnswers()).isEmpty();
    }
}
