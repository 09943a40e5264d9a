package dev.ocbridge.core.domain;

import java.util.List;

/** A configured model provider and its models. */
public record ProviderInfo(String id, String name, List<ModelInfo> models) {
    public ProviderInfo {
        Checks.requireText(id, "provider id");
        name = name == null || name.isBlank() ? id : name;
        models = List.copyOf(models);
    }
}
