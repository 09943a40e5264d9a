package dev.ocbridge.core.prompts;

import dev.ocbridge.core.domain.ChatFile;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.DownloadedFile;
import dev.ocbridge.core.domain.FileId;
import dev.ocbridge.core.domain.PromptPart;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.RejectedRequestException;
import dev.ocbridge.core.port.out.ChatPort;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Fetches the files attached to a post and turns them into prompt parts ({@code data:} URLs with the file's
 * name and type). A file that cannot go is skipped and named, so the person can be told; the rest goes.
 * Throws only what may pass (the chat server briefly away), and only before anything reached the agent.
 */
public final class AttachedFiles {
    private static final System.Logger LOG = System.getLogger(AttachedFiles.class.getName());

    private final ChatPort chat;
    private final long maxBytes;

    public AttachedFiles(ChatPort chat, long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("the file size limit must not be negative");
        }
        this.chat = chat;
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public PreparedFiles prepare(ChatPost post) {
        if (post.fileIds().isEmpty()) {
            return PreparedFiles.NONE;
        }
        List<PromptPart.File> parts = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        for (FileId id : post.fileIds()) {
            Optional<DownloadedFile> downloaded = download(id, skipped);
            if (downloaded.isEmpty()) {
                continue;
            }
            ChatFile info = downloaded.get().info();
            byte[] content = downloaded.get().content();
            Optional<String> type = FileKinds.typeToSend(content);
            if (type.isEmpty()) {
                skipped.add(new SkippedFile(info.name(), info.size(), SkippedFile.Reason.UNREADABLE_KIND));
                continue;
            }
            String name = info.name().isBlank() ? "attachment-" + id : info.name();
            parts.add(new PromptPart.File(type.get(), name,
                    "data:" + type.get() + ";base64," + Base64.getEncoder().encodeToString(content)));
        }
        return new PreparedFiles(parts, skipped);
    }

    private Optional<DownloadedFile> download(FileId id, List<SkippedFile> skipped) {
        try {
            return Optional.of(chat.downloadFile(id, maxBytes));
        } catch (RejectedRequestException refused) {
            skipped.add(refusal(id, refused));
        } catch (BridgeException e) {
            skipped.add(notDownloaded(id, e));
        }
        return Optional.empty();
    }

    /** The chat server refuses a file that is too large before sending it; its size says which it was. */
    private SkippedFile refusal(FileId id, RejectedRequestException refused) {
        ChatFile info;
        try {
            info = chat.fileInfo(id);
        } catch (BridgeException e) {
            return notDownloaded(id, e);
        }
        if (info.size() > maxBytes) {
            return new SkippedFile(info.name(), info.size(), SkippedFile.Reason.TOO_LARGE);
        }
        LOG.log(System.Logger.Level.WARNING, "File {0} was refused: {1}", id, refused.getMessage());
        return new SkippedFile(info.name(), info.size(), SkippedFile.Reason.NOT_DOWNLOADED);
    }

    private static SkippedFile notDownloaded(FileId id, BridgeException failure) {
        if (failure.retryable()) {
            throw failure;
        }
        LOG.log(System.Logger.Level.WARNING, "File {0} could not be downloaded: {1}", id, failure.getMessage());
        return new SkippedFile(id.value(), 0, SkippedFile.Reason.NOT_DOWNLOADED);
    }
}
