package dev.ocbridge.core.prompts;

import dev.ocbridge.core.domain.PromptPart;

import java.util.List;

/** The files of a post: the parts that go with its prompt, and the files that do not. */
public record PreparedFiles(List<PromptPart.File> parts, List<SkippedFile> skipped) {
    public static final PreparedFiles NONE = new PreparedFiles(List.of(), List.of());

    public PreparedFiles {
        parts = List.copyOf(parts);
        skipped = List.copyOf(skipped);
    }
}
