package dev.ocbridge.core.inbox;

import dev.ocbridge.core.commands.Command;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.projects.ProjectCatalog;
import dev.ocbridge.core.projects.ProjectChoice;
import dev.ocbridge.core.settings.BridgeSettings;
import dev.ocbridge.core.settings.MainDmMode;
import dev.ocbridge.core.texts.BridgeTexts;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code !new <project> <text>} in the main DM: a session in the chosen project whose thread is rooted at the
 * post, with the text as its first prompt, as a main-DM prompt would start one. A name that is no project's
 * (or several projects') starts nothing and is answered with the names that are.
 */
public final class NewSessionInProject {
    private static final System.Logger LOG = System.getLogger(NewSessionInProject.class.getName());

    private final ProjectCatalog catalog;
    private final MainDmPrompts mainDm;
    private final BridgeSettings settings;
    private final ChatPort chat;
    private final BridgeTexts texts;

    public NewSessionInProject(ProjectCatalog catalog, MainDmPrompts mainDm, BridgeSettings settings, ChatPort chat,
                               BridgeTexts texts) {
        this.catalog = catalog;
        this.mainDm = mainDm;
        this.settings = settings;
        this.chat = chat;
        this.texts = texts;
    }

    /**
     * Throws only while nothing has reached the agent, as {@link MainDmPrompts#handle} does. {@code receivedAt} is
     * when the bridge received the post.
     */
    public void handle(Command command, ChatPost post, ChatUser author, Instant receivedAt) {
        if (post.isReply()) {
            reply(post, texts.newSessionOnlyInMainDm());
            return;
        }
        if (settings.mainDmMode() == MainDmMode.REJECT) {
            reply(post, texts.newSessionsNotAllowed());
            return;
        }
        Optional<NewSessionRequest> request = NewSessionRequest.parse(command.arguments());
        if (request.isEmpty()) {
            reply(post, texts.newSessionUsage());
            return;
        }
        ProjectChoice choice;
        try {
            choice = catalog.choose(request.get().project());
        } catch (BridgeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not look up project {0} for post {1}: {2}",
                    request.get().project(), post.id(), e.getMessage());
            reply(post, texts.listingFailed(e.getMessage()));
            return;
        }
        if (choice instanceof ProjectChoice.Chosen chosen) {
            mainDm.startSession(post.withMessage(request.get().text()), author,
                    Optional.of(chosen.project().directory()), receivedAt);
        } else if (choice instanceof ProjectChoice.Ambiguous ambiguous) {
            reply(post, texts.ambiguousProject(ambiguous.wanted(), ambiguous.candidates()));
        } else if (choice instanceof ProjectChoice.Unknown unknown) {
            reply(post, texts.unknownProject(unknown.wanted(), unknown.closest()));
        }
    }

    private void reply(ChatPost post, String message) {
        chat.createPost(NewPost.inThread(post.thread(), message));
    }
}
