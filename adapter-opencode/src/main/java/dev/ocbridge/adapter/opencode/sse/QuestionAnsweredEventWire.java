package dev.ocbridge.adapter.opencode.sse;

import java.util.List;

/** Properties of {@code question.replied} (with answers) and {@code question.rejected} (without). */
public record QuestionAnsweredEventWire(String sessionID, String requestID, List<List<String>> answers) {
}
