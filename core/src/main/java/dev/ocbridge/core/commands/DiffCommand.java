package dev.ocbridge.core.commands;

import dev.ocbridge.core.domain.ChatFile;
import dev.ocbridge.core.domain.FileChange;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.ThreadRef;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.texts.PromptTexts;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code !diff}: the files the session changed, as a {@code .diff} attachment with a one-line summary. */
public final class DiffCommand {
    private final SessionPort sessions;
    private final ChatPort chat;
    private final PromptTexts texts;

    public DiffCommand(SessionPort sessions, ChatPort chat, PromptTexts texts) {
        this.sessions = sessions;
        this.chat = chat;
        this.texts = texts;
    }

    /** The reply to post in {@code thread}; its attachment is uploaded already. */
    public NewPost reply(CommandPlace place, ThreadRef thread) {
        if (place instanceof CommandPlace.SessionThread session) {
            return changesOf(session.mapping(), thread);
        }
        if (place instanceof CommandPlace.EndedThread ended) {
            return NewPost.inThread(thread, texts.sessionEndedForCommand(ended.mapping()));
        }
        return NewPost.inThread(thread, texts.diffNeedsASession());
    }

    private NewPost changesOf(ThreadMapping mapping, ThreadRef thread) {
        List<FileChange> changes;
        try {
            changes = sessions.changes(mapping.sessionId());
        } catch (BridgeException e) {
            return NewPost.inThread(thread, texts.commandFailed(e.getMessage()));
        }
        if (changes.isEmpty()) {
            return NewPost.inThread(thread, texts.noChanges(mapping));
        }
        String diff = unifiedDiff(changes);
        if (diff.isEmpty()) {
            return NewPost.inThread(thread, texts.diffSummary(changes));
        }
        ChatFile file = chat.uploadFile(thread.channel(), "session-" + mapping.shortId() + ".diff",
                diff.getBytes(StandardCharsets.UTF_8));
        return new NewPost(thread.channel(), thread.root(), texts.diffSummary(changes), List.of(file.id()));
    }

    /**
     * The patches one after another, in the order they were made, so that applying them in turn works. A change
     * without a text patch (a binary file) is only counted in the summary.
     */
    static String unifiedDiff(List<FileChange> changes) {
        StringBuilder diff = new StringBuilder();
        for (FileChange change : changes) {
            if (change.patch().isEmpty()) {
                continue;
            }
            diff.append(change.patch());
            if (!change.patch().endsWith("\n")) {
                diff.append('\n');
            }
        }
        return diff.toString();
    }
}
