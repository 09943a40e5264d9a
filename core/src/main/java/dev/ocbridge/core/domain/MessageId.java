package dev.ocbridge.core.domain;

/** Opaque identifier of a message, as the remote system spells it. */
public record MessageId(String value) {
    public MessageId {
        Checks.requireText(value, "message id");
    }

    @Override
    public String toString() {
        return value;
    }
}
