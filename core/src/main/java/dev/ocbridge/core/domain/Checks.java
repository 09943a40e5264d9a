package dev.ocbridge.core.domain;

import java.util.Objects;

/** Constructor checks shared by the value records. */
final class Checks {
    private Checks() {
    }

    static String requireText(String value, String what) {
        Objects.requireNonNull(value, what + " must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    static <T> T require(T value, String what) {
        return Objects.requireNonNull(value, what + " must not be null");
    }
}
