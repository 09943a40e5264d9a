package dev.ocbridge.core.domain;

/** Opaque identifier of a post, as the remote system spells it. */
public record PostId(String value) {
    public PostId {
        Checks.requireText(value, "post id");
    }

    @Override
    public String toString() {
        return value;
    }
}
