package dev.ocbridge.adapter.opencode.rest;

import java.util.List;

/** A pending question request ({@code GET /question}, {@code question.asked}). */
public record QuestionRequestWire(String id, String sessionID, List<QuestionWire> questions, ToolRefWire tool) {

    public record QuestionWire(String question, String header, List<OptionWire> options, Boolean multiple,
                               Boolean custom) {
    }

    public record OptionWire(String label, String description) {
    }
}
