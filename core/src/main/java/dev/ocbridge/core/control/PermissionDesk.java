package dev.ocbridge.core.control;

import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.PermissionId;
import dev.ocbridge.core.domain.PermissionReply;
import dev.ocbridge.core.domain.PermissionRequest;
import dev.ocbridge.core.domain.RequestKey;
import dev.ocbridge.core.domain.RequestKind;
import dev.ocbridge.core.domain.RequestPost;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.texts.ControlTexts;

import java.util.List;
import java.util.Optional;

/**
 * Permission requests in chat: each one posted once in its session's thread, answered there by reaction or
 * reply, and its post updated when it is answered anywhere. Everything about one request runs on the queue of
 * the session that asked ({@link SessionWork}), so the answer given here and the server's "replied" event
 * arrive one after the other.
 */
public final class PermissionDesk {
    private static final System.Logger LOG = System.getLogger(PermissionDesk.class.getName());

    private final SessionPort sessions;
    private final ChatPort chat;
    private final ControlTexts texts;
    private final AskedRequests<PermissionRequest> requests;

    public PermissionDesk(SessionPort sessions, ChatPort chat, RequestBoard board, RequestThreads threads,
                          SessionWork work, ControlTexts texts) {
        this.sessions = sessions;
        this.chat = chat;
        this.texts = texts;
        this.requests = new AskedRequests<>(new AskedRequests.Kind<>(RequestKind.PERMISSION,
                request -> RequestKey.of(request.id()), PermissionRequest::sessionId, sessions::pendingPermissionsOf,
                (thread, request) -> texts.permissionRequest(thread.mention(), request),
                request -> PermissionAnswer.REACTIONS,
                request -> sessions.answerPermission(request, PermissionReply.REJECT, null)),
                board, threads, work, texts);
    }

    /** Runs on the asking session's queue, as every method here. */
    public void asked(PermissionRequest request) {
        requests.asked(request);
    }

    /** Answered, here or in another client: the post shows how, and later answers do nothing. */
    public void replied(PermissionId id, PermissionReply reply) {
        RequestKey key = RequestKey.of(id);
        List<String> scope = requests.forget(key).map(PermissionRequest::alwaysScope).orElse(List.of());
        requests.close(key, texts.permissionAnswered(reply, null, scope, Optional.empty()));
    }

    /** A person answered in chat; the request may have been answered meanwhile. */
    public void answer(RequestKey key, PermissionAnswer answer, ChatUser by) {
        Optional<RequestPost> waiting = requests.waiting(key);
        if (waiting.isEmpty()) {
            return;
        }
        try {
            Optional<PermissionRequest> request = requests.request(waiting.get());
            if (request.isEmpty()) {
                requests.close(key, texts.noLongerAsked());
                return;
            }
            sessions.answerPermission(request.get(), answer.reply(), answer.message());
            LOG.log(System.Logger.Level.INFO, "@{0} answered permission request {1}: {2}", by.username(), key,
                    answer.reply());
            requests.close(key, texts.permissionAnswered(answer.reply(), answer.message(),
                    request.get().alwaysScope(), Optional.of(by.username())));
        } catch (NotFoundException gone) {
            requests.close(key, texts.noLongerAsked());
        } catch (BridgeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not pass on the answer to permission request {0}: {1}", key,
                    e.getMessage());
            chat.createPost(NewPost.inThread(waiting.get().thread(), texts.answerNotSent(e.getMessage())));
        }
    }

    /** See {@link AskedRequests#withdraw}. */
    public void withdraw(RequestPost post, String by) {
        requests.withdraw(post, by);
    }

    public void sessionEnded(SessionId session) {
        requests.sessionEnded(session);
    }

    /** See {@link AskedRequests#reconcile}. */
    public void reconcile() {
        requests.reconcile();
    }
}
