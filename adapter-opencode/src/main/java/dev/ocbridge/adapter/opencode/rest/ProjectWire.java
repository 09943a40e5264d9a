package dev.ocbridge.adapter.opencode.rest;

/**
 * {@code Project} of {@code GET /project}: a git repository the server has opened ({@code id} is derived from
 * its first commit), or the catch-all project {@code global} for every directory outside a repository.
 */
public record ProjectWire(String id, String worktree, String name) {
}
