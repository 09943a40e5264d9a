package dev.ocbridge.core.domain;

import java.util.List;
import java.util.Optional;

/** What is sent to a session: parts and, optionally, the model to use from now on. */
public record Prompt(List<PromptPart> parts, ModelRef model) {
    public Prompt {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a prompt needs at least one part");
        }
    }

    public static Prompt text(String text) {
        return new Prompt(List.of(new PromptPart.Text(text)), null);
    }

    public Optional<ModelRef> chosenModel() {
        return Optional.ofNullable(model);
    }
}
