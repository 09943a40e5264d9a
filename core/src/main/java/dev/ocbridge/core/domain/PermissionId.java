package dev.ocbridge.core.domain;

/** Opaque identifier of a permission, as the remote system spells it. */
public record PermissionId(String value) {
    public PermissionId {
        Checks.requireText(value, "permission id");
    }

    @Override
    public String toString() {
        return value;
    }
}
