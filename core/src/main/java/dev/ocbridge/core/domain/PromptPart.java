package dev.ocbridge.core.domain;

/** One part of a prompt: text, or a file given by URL ({@code data:} or {@code file:}). */
public sealed interface PromptPart {
    record Text(String text) implements PromptPart {
        public Text {
            Checks.require(text, "text");
        }
    }

    record File(String mimeType, String filename, String url) implements PromptPart {
        public File {
            Checks.requireText(mimeType, "mime type");
            Checks.requireText(url, "url");
        }
    }
}
