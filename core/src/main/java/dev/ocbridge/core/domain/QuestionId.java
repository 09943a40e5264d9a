package dev.ocbridge.core.domain;

/** Opaque identifier of a question, as the remote system spells it. */
public record QuestionId(String value) {
    public QuestionId {
        Checks.requireText(value, "question id");
    }

    @Override
    public String toString() {
        return value;
    }
}
