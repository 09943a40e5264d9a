package dev.ocbridge.core.control;

import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.Question;
import dev.ocbridge.core.domain.QuestionId;
import dev.ocbridge.core.domain.QuestionRequest;
import dev.ocbridge.core.domain.RequestKey;
import dev.ocbridge.core.domain.RequestKind;
import dev.ocbridge.core.domain.RequestPost;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.texts.ControlTexts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The agent's questions in chat: posted once with their options numbered, answered in order by replies or
 * reactions, sent to the server once the last one is answered, and the post updated when the request is
 * answered or dismissed anywhere. Runs on the asking session's queue, as {@link PermissionDesk} does.
 */
public final class QuestionDesk {
    private static final System.Logger LOG = System.getLogger(QuestionDesk.class.getName());

    private final SessionPort sessions;
    private final ChatPort chat;
    private final RequestThreads threads;
    private final RequestBoard board;
    private final ControlTexts texts;
    private final AskedRequests<QuestionRequest> requests;

    public QuestionDesk(SessionPort sessions, ChatPort chat, RequestBoard board, RequestThreads threads,
                        SessionWork work, ControlTexts texts) {
        this.sessions = sessions;
        this.chat = chat;
        this.threads = threads;
        this.board = board;
        this.texts = texts;
        this.requests = new AskedRequests<>(new AskedRequests.Kind<>(RequestKind.QUESTION,
                request -> RequestKey.of(request.id()), QuestionRequest::sessionId, sessions::pendingQuestionsOf,
                (thread, request) -> texts.questionRequest(thread.mention(), request, List.of()),
                request -> QuestionAnswers.reactionsFor(request.questions().get(0)), sessions::rejectQuestion),
                board, threads, work, texts);
    }

    public void asked(QuestionRequest request) {
        if (request.questions().isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "Question request {0} asks nothing; not shown", request.id());
            return;
        }
        requests.asked(request);
    }

    public void replied(QuestionId id, List<List<String>> answers) {
        requests.close(RequestKey.of(id), texts.questionAnswered(answers, Optional.empty()));
    }

    public void rejected(QuestionId id) {
        requests.close(RequestKey.of(id), texts.questionDismissed(Optional.empty()));
    }

    /** A reply in the thread, for the question that is next. */
    public void answerByText(RequestKey key, String text, ChatUser by, Instant at) {
        take(key, by, at, false, question -> Optional.of(QuestionAnswers.fromText(question, text)));
    }

    /**
     * A reaction on the post, for the question that is next. A reaction the chat server recorded before the
     * request's newest input was used already (or is seen again after a reconnect) and is skipped.
     */
    public void answerByReaction(RequestKey key, String emojiName, ChatUser by, Instant at) {
        take(key, by, at, true, question -> QuestionAnswers.fromReaction(question, emojiName));
    }

    /**
     * Replies come once each (the inbox sees to that), even one sent while the request was being posted, so only
     * reactions, which a reconnect shows again, are checked against the request's newest input.
     */
    private void take(RequestKey key, ChatUser by, Instant at, boolean mayBeSeenAgain,
                      Function<Question, Optional<QuestionInput>> reading) {
        Optional<RequestPost> waiting = requests.waiting(key);
        if (waiting.isEmpty() || mayBeSeenAgain && isStale(waiting.get(), at)) {
            return;
        }
        RequestPost post = waiting.get();
        try {
            Optional<QuestionRequest> request = requests.request(post);
            if (request.isEmpty()) {
                requests.close(key, texts.noLongerAsked());
                return;
            }
            List<Question> questions = request.get().questions();
            Question next = questions.get(Math.min(post.answersSoFar().size(), questions.size() - 1));
            Optional<QuestionInput> input = reading.apply(next);
            if (input.isPresent()) {
                apply(post, request.get(), input.get(), by, at);
            }
        } catch (NotFoundException gone) {
            requests.close(key, texts.noLongerAsked());
        } catch (BridgeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not pass on the answer to question request {0}: {1}", key,
                    e.getMessage());
            say(post, texts.answerNotSent(e.getMessage()));
        }
    }

    private void apply(RequestPost post, QuestionRequest request, QuestionInput input, ChatUser by, Instant at) {
        if (input instanceof QuestionInput.Invalid invalid) {
            say(post, texts.answerNotTaken(invalid.why()));
        } else if (input instanceof QuestionInput.Dismiss) {
            sessions.rejectQuestion(request);
            LOG.log(System.Logger.Level.INFO, "@{0} dismissed question request {1}", by.username(), request.id());
            requests.close(post.key(), texts.questionDismissed(Optional.of(by.username())));
        } else if (input instanceof QuestionInput.Answer answer) {
            RequestPost answered = post.withAnswer(answer.labels(), at.isAfter(post.answeredUpTo())
                    ? at : post.answeredUpTo());
            if (answered.answersSoFar().size() < request.questions().size()) {
                String mention = threads.of(post.sessionId()).map(RequestThread::mention).orElse("");
                board.progress(answered, texts.questionRequest(mention, request, answered.answersSoFar()));
                return;
            }
            sessions.answerQuestion(request, answered.answersSoFar());
            LOG.log(System.Logger.Level.INFO, "@{0} answered question request {1}", by.username(), request.id());
            requests.close(post.key(), texts.questionAnswered(answered.answersSoFar(), Optional.of(by.username())));
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

    /** A time the chat server did not give ({@link Instant#EPOCH}) is never stale. */
    private static boolean isStale(RequestPost post, Instant at) {
        return !at.equals(Instant.EPOCH) && !at.isAfter(post.answeredUpTo());
    }

    private void say(RequestPost post, String message) {
        chat.createPost(NewPost.inThread(post.thread(), message));
    }
}
