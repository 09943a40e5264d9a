package dev.ocbridge.core.domain;

import java.util.List;

/**
 * An assistant message of a session's latest run as the server holds it now: whether it finished (and how), and
 * the text of its parts, in order.
 */
public record AnsweringMessage(MessageInfo message, List<Text> parts) {
    public AnsweringMessage {
        Checks.require(message, "message");
        parts = List.copyOf(parts);
    }

    /** One text part: the server's whole text of it. */
    public record Text(PartId part, TextKind kind, String text) {
        public Text {
            Checks.require(part, "part id");
            Checks.require(kind, "kind");
            Checks.require(text, "text");
        }
    }
}
