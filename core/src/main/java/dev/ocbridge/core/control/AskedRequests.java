package dev.ocbridge.core.control;

import dev.ocbridge.core.domain.RequestKey;
import dev.ocbridge.core.domain.RequestKind;
import dev.ocbridge.core.domain.RequestPost;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.texts.ControlTexts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@link PermissionDesk} and {@link QuestionDesk} share about their kind of request {@code R}: the requests
 * as the server sent them this run (after a restart they are asked from the server again), showing each one
 * once, closing posts, and finding posts whose request went away unseen.
 */
final class AskedRequests<R> {
    private static final System.Logger LOG = System.getLogger(AskedRequests.class.getName());

    /**
     * How a desk sees its kind of request: its key and session, the session's requests the server still waits
     * on, the post that asks it in a thread with the reactions that answer it, and how to refuse it on the server
     * (a rejected permission, a dismissed question).
     */
    record Kind<R>(RequestKind kind, Function<R, RequestKey> keyOf, Function<R, SessionId> sessionOf,
                   Function<SessionId, List<R>> pendingOf, BiFunction<RequestThread, R, String> postText,
                   Function<R, List<String>> answerReactions, Consumer<R> reject) {
    }

    private final Kind<R> kind;
    private final RequestBoard board;
    private final RequestThreads threads;
    private final SessionWork work;
    private final ControlTexts texts;
    private final Map<RequestKey, R> known = new ConcurrentHashMap<>();

    AskedRequests(Kind<R> kind, RequestBoard board, RequestThreads threads, SessionWork work, ControlTexts texts) {
        this.kind = kind;
        this.board = board;
        this.threads = threads;
        this.work = work;
        this.texts = texts;
    }

    /** The server asks, or asks again after a restart or a reconnect: posted unless it was posted before. */
    void asked(R request) {
        RequestKey key = kind.keyOf().apply(request);
        known.put(key, request);
        work.withRetry(kind.sessionOf().apply(request), "post request " + key, () -> show(key));
    }

    private void show(RequestKey key) {
        R request = known.get(key);
        if (request == null || board.find(key).isPresent()) {
            return;
        }
        SessionId session = kind.sessionOf().apply(request);
        Optional<RequestThread> thread = threads.of(session);
        if (thread.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "Request {0} of session {1} has no thread to be shown in; it can be "
                    + "answered in another OpenCode client", key, session);
            return;
        }
        board.post(key, session, thread.get().thread(), kind.postText().apply(thread.get(), request),
                kind.answerReactions().apply(request));
    }

    Optional<RequestPost> waiting(RequestKey key) {
        return board.find(key);
    }

    Optional<R> forget(RequestKey key) {
        return Optional.ofNullable(known.remove(key));
    }

    /** The request as the server sent it, asked again from the server after a restart; empty when it is gone. */
    Optional<R> request(RequestPost post) {
        R request = known.get(post.key());
        if (request != null) {
            return Optional.of(request);
        }
        Optional<R> pending = kind.pendingOf().apply(post.sessionId()).stream()
                .filter(candidate -> kind.keyOf().apply(candidate).equals(post.key())).findFirst();
        pending.ifPresent(found -> known.put(post.key(), found));
        return pending;
    }

    /** The request is over: forgotten, and its post shows {@code outcome}, once the chat server takes it. */
    void close(RequestKey key, String outcome) {
        known.remove(key);
        board.find(key).ifPresent(post -> work.withRetry(post.sessionId(), "show the outcome of request " + key,
                () -> board.find(key).ifPresent(stillShown -> board.close(stillShown, outcome))));
    }

    /**
     * The run was stopped from chat. The server keeps its requests pending, so they are refused and no client
     * waits on them any more; one that cannot be refused now stays as it is.
     */
    void withdraw(RequestPost post, String by) {
        try {
            request(post).ifPresent(kind.reject());
        } catch (NotFoundException gone) {
            LOG.log(System.Logger.Level.DEBUG, "Request {0} was gone already", post.key());
        } catch (BridgeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not withdraw request {0} of a stopped run: {1}", post.key(),
                    e.getMessage());
            return;
        }
        close(post.key(), texts.notAnsweredStopped(by));
    }

    void sessionEnded(SessionId session) {
        board.ofSession(session).stream().filter(post -> post.key().kind() == kind.kind())
                .forEach(post -> close(post.key(), texts.notAnsweredSessionEnded()));
    }

    /**
     * After the event stream (re)connects: a request whose post still says it waits but that the server no
     * longer has was answered, or withdrawn, while the bridge could not see it.
     */
    void reconcile() {
        Map<SessionId, List<RequestPost>> shown = board.ofKind(kind.kind()).stream()
                .collect(Collectors.groupingBy(RequestPost::sessionId));
        shown.forEach((session, posts) -> {
            Set<RequestKey> pending;
            try {
                pending = kind.pendingOf().apply(session).stream().map(kind.keyOf()).collect(Collectors.toSet());
            } catch (NotFoundException gone) {
                pending = Set.of();
            } catch (BridgeException e) {
                LOG.log(System.Logger.Level.WARNING, "Could not check the requests of session {0}: {1}", session,
                        e.getMessage());
                return;
            }
            for (RequestPost post : posts) {
                if (!pending.contains(post.key())) {
                    work.submit(session, () -> close(post.key(), texts.noLongerAsked()));
                }
            }
        });
    }
}
