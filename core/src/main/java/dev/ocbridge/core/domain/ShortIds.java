package dev.ocbridge.core.domain;

/** Short, human-readable forms of session ids. */
public final class ShortIds {
    private static final int LENGTH = 8;

    private ShortIds() {
    }

    public static String of(SessionId id) {
        String value = id.value();
        return value.length() <= LENGTH ? value : value.substring(value.length() - LENGTH);
    }
}
