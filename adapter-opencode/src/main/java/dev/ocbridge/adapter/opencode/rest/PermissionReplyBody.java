package dev.ocbridge.adapter.opencode.rest;

/** Body of {@code POST /permission/{id}/reply}: {@code once}, {@code always} or {@code reject}, with feedback. */
public record PermissionReplyBody(String reply, String message) {
}
