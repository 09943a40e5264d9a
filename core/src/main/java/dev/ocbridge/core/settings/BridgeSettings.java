package dev.ocbridge.core.settings;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Behaviour the operator configures. {@code defaultDirectory} is where sessions started from chat go, a path on
 * the agent server's machine; empty means where the server itself works.
 */
public record BridgeSettings(
        String version,
        Optional<String> defaultDirectory,
        MainDmMode mainDmMode,
        Duration editInterval,
        int maxPostLength,
        Duration adoptWindow) {

    public BridgeSettings {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(defaultDirectory, "defaultDirectory");
        Objects.requireNonNull(mainDmMode, "mainDmMode");
        if (editInterval.isNegative()) {
            throw new IllegalArgumentException("edit interval must not be negative");
        }
        if (maxPostLength < 100) {
            throw new IllegalArgumentException("max post length must be at least 100");
        }
        if (adoptWindow.isNegative()) {
            throw new IllegalArgumentException("adopt window must not be negative");
        }
    }
}
