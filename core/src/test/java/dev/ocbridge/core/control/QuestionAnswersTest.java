package dev.ocbridge.core.control;

import dev.ocbridge.core.domain.Question;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QuestionAnswersTest {
    private static final Question COLOUR = question(false, true, "Red", "Blue", "Green");
    private static final Question TOPPINGS = question(true, true, "Cheese", "Ham", "Olives");
    private static final Question STRICT = question(false, false, "Red", "Blue");

    private static Question question(boolean multiple, boolean custom, String... labels) {
        return new Question("Header", "Which?", List.of(labels).stream()
                .map(label -> new Question.Option(label, "the " + label + " one")).toList(), multiple, custom);
    }

    @Test
    void aNumberPicksThatOptionCountingFromOne() {
        assertThat(QuestionAnswers.fromText(COLOUR, " 2 ")).isEqualTo(new QuestionInput.Answer(List.of("Blue")));
    }

    @Test
    void severalNumbersPickSeveralOptionsWhereTheQuestionAllowsIt() {
        assertThat(QuestionAnswers.fromText(TOPPINGS, "1,3")).isEqualTo(new QuestionInput.Answer(List.of("Cheese", "Olives")));
        assertThat(QuestionAnswers.fromText(TOPPINGS, "3, 1 3")).isEqualTo(new QuestionInput.Answer(List.of("Olives", "Cheese")));
    }

    @Test
    void severalNumbersForAQuestionOfOneChoiceAreRefusedWithAReason() {
        assertThat(QuestionAnswers.fromText(COLOUR, "1,2")).isInstanceOf(QuestionInput.Invalid.class);
    }

    @Test
    void aNumberThatIsNoOptionIsRefusedWithTheRange() {
        assertThat(QuestionAnswers.fromText(COLOUR, "4")).isEqualTo(
                new QuestionInput.Invalid("There is no such option here; the options are 1 to 3."));
    }

    @Test
    void anOptionsLabelPicksItWhateverTheCase() {
        assertThat(QuestionAnswers.fromText(COLOUR, "blue")).isEqualTo(new QuestionInput.Answer(List.of("Blue")));
    }

    @Test
    void labelsSeparatedByCommasPickSeveralWhereTheQuestionAllowsIt() {
        assertThat(QuestionAnswers.fromText(TOPPINGS, "ham, olives"))
                .isEqualTo(new QuestionInput.Answer(List.of("Ham", "Olives")));
    }

    @Test
    void otherTextIsTheCustomAnswer() {
        assertThat(QuestionAnswers.fromText(COLOUR, "  purple, like the logo "))
                .isEqualTo(new QuestionInput.Answer(List.of("purple, like the logo")));
    }

    @Test
    void aQuestionWithoutCustomAnswersRefusesOtherText() {
        assertThat(QuestionAnswers.fromText(STRICT, "purple")).isInstanceOf(QuestionInput.Invalid.class);
        assertThat(QuestionAnswers.fromText(STRICT, "red")).isEqualTo(new QuestionInput.Answer(List.of("Red")));
    }

    @Test
    void aNumberReactionPicksThatOption() {
        assertThat(QuestionAnswers.fromReaction(COLOUR, "three")).contains(new QuestionInput.Answer(List.of("Green")));
    }

    @Test
    void aNumberReactionBeyondTheOptionsIsRefused() {
        assertThat(QuestionAnswers.fromReaction(COLOUR, "four")).hasValueSatisfying(input ->
                assertThat(input).isInstanceOf(QuestionInput.Invalid.class));
    }

    @Test
    void thumbsDownDismissesAndOtherReactionsSayNothing() {
        assertThat(QuestionAnswers.fromReaction(COLOUR, "-1")).contains(new QuestionInput.Dismiss());
        assertThat(QuestionAnswers.fromReaction(COLOUR, "+1")).isEmpty();
        assertThat(QuestionAnswers.isAnswerReaction("smile")).isFalse();
        assertThat(QuestionAnswers.isAnswerReaction("nine")).isTrue();
    }

    @Test
    void theBotOffersANumberPerOptionUpToNineAndThumbsDown() {
        assertThat(QuestionAnswers.reactionsFor(COLOUR)).containsExactly("one", "two", "three", "-1");
        Question many = question(false, true, "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k");
        assertThat(QuestionAnswers.reactionsFor(many)).hasSize(10).endsWith("nine", "-1");
    }
}
