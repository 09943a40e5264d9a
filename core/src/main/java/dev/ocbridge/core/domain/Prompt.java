package dev.ocbridge.core.domain;

import java.util.List;
import java.util.Optional;

/**
 * What is sent to a session: parts, and optionally the model and the agent to answer with. A null model or
 * agent leaves the choice to the agent server.
 */
public record Prompt(PromptId id, List<PromptPart> parts, ModelRef model, String agent, PromptDelivery delivery) {
    public Prompt {
        Checks.require(id, "prompt id");
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a prompt needs at least one part");
        }
        agent = agent == null || agent.isBlank() ? null : agent;
        Checks.require(delivery, "delivery");
    }

    public static Prompt text(String text) {
        return new Prompt(PromptId.fresh(), List.of(new PromptPart.Text(text)), null, null, PromptDelivery.STEER);
    }

    public Optional<ModelRef> chosenModel() {
        return Optional.ofNullable(model);
    }

    public Optional<String> chosenAgent() {
        return Optional.ofNullable(agent);
    }
}
