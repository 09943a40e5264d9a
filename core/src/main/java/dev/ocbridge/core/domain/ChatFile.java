package dev.ocbridge.core.domain;

/** Metadata of a file attached to a chat post. */
public record ChatFile(FileId id, String name, String mimeType, long size) {
    public ChatFile {
        Checks.require(id, "file id");
        name = name == null ? "" : name;
        mimeType = mimeType == null || mimeType.isBlank() ? "application/octet-stream" : mimeType;
    }
}
