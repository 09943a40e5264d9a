package dev.ocbridge.core.domain;

import java.util.Optional;

/** The model and the agent prompts are sent with; either may be left to the agent server (null). */
public record PromptChoices(ModelRef model, String agent) {
    public static final PromptChoices NONE = new PromptChoices(null, null);

    public PromptChoices {
        agent = agent == null || agent.isBlank() ? null : agent;
    }

    public Optional<ModelRef> chosenModel() {
        return Optional.ofNullable(model);
    }

    public Optional<String> chosenAgent() {
        return Optional.ofNullable(agent);
    }

    public PromptChoices withModel(ModelRef chosen) {
        return new PromptChoices(chosen, agent);
    }

    public PromptChoices withAgent(String chosen) {
        return new PromptChoices(model, chosen);
    }

    public boolean isEmpty() {
        return model == null && agent == null;
    }
}
