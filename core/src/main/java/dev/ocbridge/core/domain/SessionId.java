package dev.ocbridge.core.domain;

/** Opaque identifier of a session, as the remote system spells it. */
public record SessionId(String value) {
    public SessionId {
        Checks.requireText(value, "session id");
    }

    @Override
    public String toString() {
        return value;
    }
}
