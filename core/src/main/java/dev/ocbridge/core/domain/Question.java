package dev.ocbridge.core.domain;

import java.util.List;

/**
 * One question the agent asks, with the options it offers: one may be chosen, or several when
 * {@code multipleAnswers}; the person may answer in their own words when {@code customAnswers}.
 */
public record Question(String header, String text, List<Option> options, boolean multipleAnswers,
                       boolean customAnswers) {
    public Question {
        header = header == null ? "" : header;
        text = text == null ? "" : text;
        options = List.copyOf(options);
    }

    public record Option(String label, String description) {
        public Option {
            Checks.require(label, "label");
            description = description == null ? "" : description;
        }
    }
}
