package dev.ocbridge.adapter.opencode.rest;

/** One file of {@code GET /session/{id}/diff}; {@code status} is {@code added}, {@code modified} or {@code deleted}. */
public record FileDiffWire(String file, String patch, Double additions, Double deletions, String status) {
}
