package dev.ocbridge.core.domain;

/** Opaque identifier of a user, as the remote system spells it. */
public record UserId(String value) {
    public UserId {
        Checks.requireText(value, "user id");
    }

    @Override
    public String toString() {
        return value;
    }
}
