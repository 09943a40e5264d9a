package dev.ocbridge.adapter.opencode.rest;

import com.squareup.moshi.Json;

import java.util.List;
import java.util.Map;

/** {@code GET /config/providers}: the configured and connected providers. */
public record ProvidersWire(List<ProviderWire> providers, @Json(name = "default") Map<String, String> defaultModels) {

    public record ProviderWire(String id, String name, Map<String, ModelWire> models) {
    }

    public record ModelWire(String id, String providerID, String name) {
    }
}
