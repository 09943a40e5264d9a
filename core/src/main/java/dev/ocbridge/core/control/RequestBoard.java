package dev.ocbridge.core.control;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.PostKey;
import dev.ocbridge.core.domain.RequestKey;
import dev.ocbridge.core.domain.RequestKind;
import dev.ocbridge.core.domain.RequestPost;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadRef;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.MappingStore;
import dev.ocbridge.core.texts.ControlTexts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The posts of the requests the agent waits on, and the one place that writes them: posting a request with
 * its answer reactions, showing the progress of a question request, and replacing the how-to-answer part by
 * the outcome once the request is answered. The state file links each request to its post, so that a restart
 * or a resynchronisation never posts a request twice and a post made before a restart still answers it.
 *
 * <p>Writes of one request happen on its session's queue ({@link SessionWork}).
 */
public final class RequestBoard {
    private static final System.Logger LOG = System.getLogger(RequestBoard.class.getName());

    private final ChatPort chat;
    private final MappingStore store;
    private final ControlTexts texts;
    /** The text last written to each request's post this run; after a restart the post itself is read. */
    private final Map<RequestKey, String> shown = new ConcurrentHashMap<>();
    /** The request being posted in each thread right now, before its post is linked to it. */
    private final Map<ThreadRef, Waiting> posting = new ConcurrentHashMap<>();
    /**
     * The key of each request's post from its first attempt until the post is linked: an attempt after a create
     * whose answer was lost gets the post already made, not a second one.
     */
    private final Map<RequestKey, PostKey> creating = new ConcurrentHashMap<>();

    /** A request that waits in a thread, and the session whose queue handles it. */
    public record Waiting(RequestKey key, SessionId session) {
    }

    public RequestBoard(ChatPort chat, MappingStore store, ControlTexts texts) {
        this.chat = chat;
        this.store = store;
        this.texts = texts;
    }

    public Optional<RequestPost> find(RequestKey key) {
        return store.requestPost(key);
    }

    public Optional<RequestPost> onPost(PostId post) {
        return store.requestPosts().stream().filter(request -> request.postId().equals(post)).findFirst();
    }

    /** The requests waiting in a thread, the one that waits longest first: a reply there answers that one. */
    public List<RequestPost> inThread(ThreadRef thread) {
        return store.requestPosts().stream().filter(request -> request.thread().equals(thread)).toList();
    }

    /**
     * The request a reply in the thread answers: the one that waits longest, or the one being posted there right now
     * (its session's queue handles the answer after the posting, so it finds the post linked).
     */
    public Optional<Waiting> answeredByAReplyIn(ThreadRef thread) {
        return inThread(thread).stream().findFirst()
                .map(request -> new Waiting(request.key(), request.sessionId()))
                .or(() -> Optional.ofNullable(posting.get(thread)));
    }

    public List<RequestPost> all() {
        return store.requestPosts();
    }

    public List<RequestPost> ofSession(SessionId session) {
        return store.requestPosts().stream().filter(request -> request.sessionId().equals(session)).toList();
    }

    public List<RequestPost> ofKind(RequestKind kind) {
        return store.requestPosts().stream().filter(request -> request.key().kind() == kind).toList();
    }

    /** How many requests wait for an answer: for {@code !status} and metrics. */
    public int waiting() {
        return store.requestPosts().size();
    }

    /**
     * Posts a request in its thread and links it to the post before adding the reactions that answer it with
     * one tap. When the link cannot be saved the post is removed again and the failure thrown, so that a later
     * attempt posts it afresh instead of leaving a post that answers nothing.
     */
    public RequestPost post(RequestKey key, SessionId session, ThreadRef thread, String text,
                            List<String> answerReactions) {
        String message = fitted(text);
        Waiting waiting = new Waiting(key, session);
        posting.putIfAbsent(thread, waiting);
        RequestPost request;
        ChatPost post;
        try {
            PostKey postKey = creating.computeIfAbsent(key, unused -> PostKey.fresh());
            post = chat.createPost(new NewPost(thread.channel(), thread.root(), message, List.of(), postKey));
            request = RequestPost.posted(key, session, post);
            try {
                store.saveRequestPost(request);
            } catch (BridgeException e) {
                creating.remove(key);
                removeUnlinked(post, key, e);
                throw e;
            }
            creating.remove(key);
        } finally {
            posting.remove(thread, waiting);
        }
        shown.put(key, message);
        for (String emoji : answerReactions) {
            try {
                chat.addReaction(post.id(), emoji);
            } catch (BridgeException e) {
                LOG.log(System.Logger.Level.WARNING, "Could not add :{0}: to the post of request {1}; a reply still "
                        + "answers it: {2}", emoji, key, e.getMessage());
            }
        }
        LOG.log(System.Logger.Level.INFO, "Posted request {0} of session {1} as {2}", key, session, post.id());
        return request;
    }

    /** A question request took one more answer: the state file and the post show it. */
    public void progress(RequestPost request, String text) {
        store.saveRequestPost(request);
        String message = fitted(text);
        chat.editPost(request.postId(), message);
        shown.put(request.key(), message);
    }

    /**
     * The request is answered or gone: it is forgotten first, so that nothing answers it again, and its post
     * shows {@code outcome} instead of how to answer. A post someone deleted is left deleted.
     */
    public void close(RequestPost request, String outcome) {
        String before = shown.get(request.key());
        if (before == null) {
            try {
                before = chat.post(request.postId()).message();
            } catch (NotFoundException deleted) {
                forget(request);
                return;
            }
        }
        forget(request);
        try {
            chat.editPost(request.postId(), fitted(texts.withoutAnswerHint(before), "\n\n" + outcome));
        } catch (NotFoundException deleted) {
            LOG.log(System.Logger.Level.INFO, "The post of request {0} was deleted; its outcome is not shown",
                    request.key());
        }
    }

    private void forget(RequestPost request) {
        store.removeRequestPost(request.key());
        shown.remove(request.key());
    }

    /** A request's post: what is asked, then how to answer it. */
    private String fitted(String text) {
        String asked = texts.withoutAnswerHint(text);
        return fitted(asked, text.substring(asked.length()));
    }

    /**
     * Long untrusted pieces are shortened by the texts already; this is the last guard for the post length
     * limit, and it shortens what is asked, never the end (how to answer, or the outcome).
     */
    private String fitted(String asked, String end) {
        int room = chat.maxPostLength() - end.codePointCount(0, end.length()) - 2;
        if (asked.codePointCount(0, asked.length()) <= room) {
            return asked + end;
        }
        return asked.substring(0, asked.offsetByCodePoints(0, Math.max(room, 0))) + " …" + end;
    }

    private void removeUnlinked(ChatPost post, RequestKey key, BridgeException saveFailure) {
        LOG.log(System.Logger.Level.ERROR, "Could not save the post of request {0} ({1}); removing post {2}", key,
                saveFailure.getMessage(), post.id());
        try {
            chat.deletePost(post.id());
        } catch (BridgeException e) {
            LOG.log(System.Logger.Level.ERROR, "Could not remove post {0}, which answers no request; delete it by "
                    + "hand: {1}", post.id(), e.getMessage());
        }
    }
}
