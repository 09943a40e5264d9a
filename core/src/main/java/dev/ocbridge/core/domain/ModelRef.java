package dev.ocbridge.core.domain;

/** A model as provider and model id, written {@code provider/model}. */
public record ModelRef(String providerId, String modelId) {
    public ModelRef {
        Checks.requireText(providerId, "provider id");
        Checks.requireText(modelId, "model id");
    }

    @Override
    public String toString() {
        return providerId + "/" + modelId;
    }
}
