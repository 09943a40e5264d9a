package dev.ocbridge.core.control;

import dev.ocbridge.core.domain.Question;
import dev.ocbridge.core.texts.Emoji;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a reply or a reaction as the answer to one question: option numbers from 1 ({@code 2}, or {@code 1,3}
 * where several may be chosen), an option's label, or the person's own words where the question takes them;
 * the reactions {@code one} to {@code nine} pick by number and 👎 dismisses.
 */
public final class QuestionAnswers {
    private static final List<String> NUMBER_EMOJI = Emoji.NUMBERS;
    private static final Set<String> DISMISS_EMOJI = Set.of(Emoji.REJECT, "thumbsdown");
    private static final Pattern NUMBERS = Pattern.compile("\\d+(\\s*[,;]?\\s*\\d+)*");
    private static final Pattern NUMBER_SEPARATORS = Pattern.compile("\\s*[,;]\\s*|\\s+");

    private QuestionAnswers() {
    }

    public static QuestionInput fromText(Question question, String text) {
        String answer = text.strip();
        List<Question.Option> options = question.options();
        if (!options.isEmpty() && NUMBERS.matcher(answer).matches()) {
            Optional<QuestionInput> byNumber = byNumbers(question, answer);
            if (byNumber.isPresent()) {
                return byNumber.get();
            }
        }
        Optional<String> label = labelNamed(options, answer);
        if (label.isPresent()) {
            return new QuestionInput.Answer(List.of(label.get()));
        }
        if (question.multipleAnswers()) {
            List<String> labels = new ArrayList<>();
            for (String part : answer.split(",")) {
                labelNamed(options, part.strip()).ifPresent(labels::add);
            }
            if (labels.size() > 1 && labels.size() == answer.split(",").length) {
                return new QuestionInput.Answer(List.copyOf(new LinkedHashSet<>(labels)));
            }
        }
        if (!options.isEmpty() && NUMBERS.matcher(answer).matches()) {
            return new QuestionInput.Invalid("There is no such option here; the options are 1 to " + options.size()
                    + ".");
        }
        if (question.customAnswers()) {
            return new QuestionInput.Answer(List.of(answer));
        }
        return new QuestionInput.Invalid("This question takes one of its options: reply with its number or name.");
    }

    /** Empty for an emoji that says nothing about a question. */
    public static Optional<QuestionInput> fromReaction(Question question, String emojiName) {
        if (DISMISS_EMOJI.contains(emojiName)) {
            return Optional.of(new QuestionInput.Dismiss());
        }
        int number = NUMBER_EMOJI.indexOf(emojiName) + 1;
        if (number == 0) {
            return Optional.empty();
        }
        if (number > question.options().size()) {
            return Optional.of(new QuestionInput.Invalid("There is no option " + number + " here."));
        }
        return Optional.of(new QuestionInput.Answer(List.of(question.options().get(number - 1).label())));
    }

    /** Whether the emoji answers or dismisses a question, whichever question it is. */
    public static boolean isAnswerReaction(String emojiName) {
        return DISMISS_EMOJI.contains(emojiName) || NUMBER_EMOJI.contains(emojiName);
    }

    /** The reactions the bot adds to a question's post: a number per option (up to nine), and 👎. */
    public static List<String> reactionsFor(Question question) {
        List<String> reactions = new ArrayList<>(NUMBER_EMOJI.subList(0,
                Math.min(question.options().size(), NUMBER_EMOJI.size())));
        reactions.add(Emoji.REJECT);
        return reactions;
    }

    /** Empty when a number is no option's, so that the text may still be a label or the person's own words. */
    private static Optional<QuestionInput> byNumbers(Question question, String answer) {
        Set<Integer> numbers = new LinkedHashSet<>();
        for (String number : NUMBER_SEPARATORS.split(answer)) {
            try {
                numbers.add(Integer.parseInt(number));
            } catch (NumberFormatException tooLong) {
                return Optional.empty();
            }
        }
        List<Question.Option> options = question.options();
        if (numbers.stream().anyMatch(number -> number < 1 || number > options.size())) {
            return Optional.empty();
        }
        if (numbers.size() > 1 && !question.multipleAnswers()) {
            return Optional.of(new QuestionInput.Invalid("Only one option may be chosen here: reply with one number."));
        }
        return Optional.of(new QuestionInput.Answer(numbers.stream().map(number -> options.get(number - 1).label())
                .toList()));
    }

    private static Optional<String> labelNamed(List<Question.Option> options, String text) {
        String wanted = text.toLowerCase(Locale.ROOT);
        return options.stream().map(Question.Option::label)
                .filter(label -> label.strip().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }
}
