package dev.ocbridge.core.control;

import java.util.List;

/** What a reply or a reaction says about the question being answered. */
public sealed interface QuestionInput {

    /** The chosen option labels, or the person's own words as the only entry. */
    record Answer(List<String> labels) implements QuestionInput {
        public Answer {
            labels = List.copyOf(labels);
        }
    }

    /** The person dismissed the question: the agent is told it was rejected. */
    record Dismiss() implements QuestionInput {
    }

    /** Not an answer this question takes; {@code why} tells the person what would be. */
    record Invalid(String why) implements QuestionInput {
    }
}
