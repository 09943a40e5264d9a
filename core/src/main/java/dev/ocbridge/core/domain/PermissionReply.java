package dev.ocbridge.core.domain;

/** How a permission request is answered. */
public enum PermissionReply {
    /** Allow this one call. */
    ONCE,
    /** Allow this call and the request's "always" patterns for the project. */
    ALWAYS,
    /** Refuse the call. */
    REJECT
}
