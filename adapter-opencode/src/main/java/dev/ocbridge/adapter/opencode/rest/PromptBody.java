package dev.ocbridge.adapter.opencode.rest;

import java.util.List;

/**
 * Body of {@code POST /session/{id}/prompt_async}. {@code messageID} names the user message the prompt
 * becomes; a null model keeps the session's model, a null agent takes the server's default agent.
 */
public record PromptBody(String messageID, List<PartInputWire> parts, ModelSelectionWire model, String agent) {

    /** A {@code text} part ({@code text}) or a {@code file} part ({@code mime}, {@code filename}, {@code url}). */
    public record PartInputWire(String type, String text, String mime, String filename, String url) {

        public static PartInputWire text(String text) {
            return new PartInputWire("text", text, null, null, null);
        }

        public static PartInputWire file(String mime, String filename, String url) {
            return new PartInputWire("file", null, mime, filename, url);
        }
    }

    public record ModelSelectionWire(String providerID, String modelID) {
    }
}
