package dev.ocbridge.core.domain;

/** A model that can be chosen for a prompt. */
public record ModelInfo(ModelRef ref, String name) {
    public ModelInfo {
        Checks.require(ref, "model");
        name = name == null || name.isBlank() ? ref.modelId() : name;
    }
}
