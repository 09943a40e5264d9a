package dev.ocbridge.adapter.mattermost.emulator;

/** A file uploaded to the emulated server; {@code postId} is "" until a post attaches it. */
public record EmulatedFile(
        String id,
        String userId,
        String channelId,
        String postId,
        String name,
        String mimeType,
        long createAt,
        byte[] content) {

    public long size() {
        return content.length;
    }

    public String extension() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }

    EmulatedFile attachedTo(String post) {
        return new EmulatedFile(id, userId, channelId, post, name, mimeType, createAt, content);
    }
}
