package dev.ocbridge.core.domain;

/** A chat file with its content. */
public record DownloadedFile(ChatFile info, byte[] content) {
    public DownloadedFile {
        Checks.require(info, "file info");
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
