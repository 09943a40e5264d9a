package dev.ocbridge.app.config;

import java.util.Objects;

/** A token or password: its text never appears in {@code toString}, logs or exceptions. */
public record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "secret");
    }

    @Override
    public String toString() {
        return "****";
    }
}
