package dev.ocbridge.core.domain;

import java.util.UUID;

/**
 * The bridge's own name for one prompt, chosen before it is sent, so that the agent server can report when
 * that prompt's run starts (and, on servers that take it, so that sending the same prompt twice delivers it
 * once). Opaque: adapters map it to whatever their server uses.
 */
public record PromptId(String value) {
    public PromptId {
        Checks.requireText(value, "prompt id");
    }

    /** The prompt made from a chat post: the same post always gives the same id. */
    public static PromptId forPost(PostId post) {
        return new PromptId("post-" + post.value());
    }

    /** A prompt that no chat post stands for. */
    public static PromptId fresh() {
        return new PromptId("prompt-" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
