package dev.ocbridge.core.control;

import dev.ocbridge.core.access.AccessDecision;
import dev.ocbridge.core.access.AccessPolicy;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.Reaction;
import dev.ocbridge.core.domain.RequestKey;
import dev.ocbridge.core.domain.RequestKind;
import dev.ocbridge.core.domain.RequestPost;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.texts.Emoji;
import dev.ocbridge.core.threads.BotIdentity;

import java.util.List;
import java.util.Optional;

/**
 * What people do in chat to steer a run: a reply that answers the request waiting in its thread, a reaction
 * on a request's post, 🛑 on a bot post. Only people allowed to drive the agent count; the bot's own reactions
 * (it adds the answer reactions itself) and everyone else's do nothing. The answering itself runs on the
 * asking session's queue.
 */
public final class ChatControl {
    private static final System.Logger LOG = System.getLogger(ChatControl.class.getName());

    private final ChatPort chat;
    private final BotIdentity identity;
    private final AccessPolicy access;
    private final RequestBoard board;
    private final PermissionDesk permissions;
    private final QuestionDesk questions;
    private final StopHandler stops;
    private final SessionWork work;

    public ChatControl(ChatPort chat, BotIdentity identity, AccessPolicy access, RequestBoard board,
                       PermissionDesk permissions, QuestionDesk questions, StopHandler stops, SessionWork work) {
        this.chat = chat;
        this.identity = identity;
        this.access = access;
        this.board = board;
        this.permissions = permissions;
        this.questions = questions;
        this.stops = stops;
        this.work = work;
    }

    /**
     * A served reply in a live session's thread. When a request waits there, the reply answers the one that
     * waits longest and is no prompt; returns false when the reply is for the agent. A reply without text (only
     * files) answers nothing.
     */
    public boolean takeReply(ChatPost reply, ChatUser author) {
        if (reply.message().isBlank()) {
            return false;
        }
        Optional<RequestBoard.Waiting> waiting = board.answeredByAReplyIn(reply.thread());
        if (waiting.isEmpty()) {
            return false;
        }
        RequestKey key = waiting.get().key();
        if (key.kind() == RequestKind.PERMISSION) {
            PermissionAnswer answer = PermissionAnswer.fromText(reply.message());
            work.submit(waiting.get().session(), () -> permissions.answer(key, answer, author));
        } else {
            work.submit(waiting.get().session(), () -> questions.answerByText(key, reply.message(), author,
                    reply.createdAt()));
        }
        return true;
    }

    /** A reaction seen live. Reactions that answer nothing cost no lookup. */
    public void reactionAdded(Reaction reaction) {
        if (Emoji.STOP.equals(reaction.emojiName())) {
            allowedPerson(reaction.userId()).ifPresent(person -> stopFrom(reaction, person));
            return;
        }
        board.onPost(reaction.postId()).filter(request -> answers(request, reaction.emojiName()))
                .ifPresent(request -> allowedPerson(reaction.userId())
                        .ifPresent(person -> answer(request, reaction, person)));
    }

    /**
     * The live connection is up (again): reactions made on the posts of waiting requests while it was down are
     * acted on now, oldest first. Those seen live already answered their request (it is no longer waiting) or
     * are skipped as used by the request's newest input.
     */
    public void chatConnected() {
        for (RequestPost request : board.all()) {
            List<Reaction> reactions;
            try {
                reactions = chat.reactions(request.postId());
            } catch (BridgeException e) {
                LOG.log(System.Logger.Level.WARNING, "Could not read the reactions on the post of request {0}: {1}",
                        request.key(), e.getMessage());
                continue;
            }
            for (Reaction reaction : reactions) {
                if (answers(request, reaction.emojiName()) && reaction.createdAt().isAfter(request.answeredUpTo())) {
                    allowedPerson(reaction.userId()).ifPresent(person -> answer(request, reaction, person));
                }
            }
        }
    }

    private void stopFrom(Reaction reaction, ChatUser person) {
        try {
            stops.stopReaction(chat.post(reaction.postId()), person);
        } catch (BridgeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not act on :{0}: on post {1}: {2}", Emoji.STOP,
                    reaction.postId(), e.getMessage());
        }
    }

    private static boolean answers(RequestPost request, String emojiName) {
        return request.key().kind() == RequestKind.PERMISSION
                ? PermissionAnswer.fromReaction(emojiName).isPresent()
                : QuestionAnswers.isAnswerReaction(emojiName);
    }

    private void answer(RequestPost request, Reaction reaction, ChatUser person) {
        if (request.key().kind() == RequestKind.PERMISSION) {
            PermissionAnswer answer = PermissionAnswer.fromReaction(reaction.emojiName()).orElseThrow();
            work.submit(request.sessionId(), () -> permissions.answer(request.key(), answer, person));
        } else {
            work.submit(request.sessionId(), () -> questions.answerByReaction(request.key(), reaction.emojiName(),
                    person, reaction.createdAt()));
        }
    }

    /** The person behind a reaction, if they may drive the agent: never the bot itself, another bot or a stranger. */
    private Optional<ChatUser> allowedPerson(UserId user) {
        UserId self = identity.self().id();
        Optional<AccessDecision.Ignore> screened = access.screen(user, self);
        if (screened.isPresent()) {
            LOG.log(System.Logger.Level.DEBUG, "Ignored a reaction by {0}: {1}", user, screened.get().reason());
            return Optional.empty();
        }
        ChatUser person = chat.user(user);
        AccessDecision decision = access.decide(person, self);
        if (decision instanceof AccessDecision.Ignore ignore) {
            LOG.log(System.Logger.Level.DEBUG, "Ignored a reaction by {0}: {1}", user, ignore.reason());
            return Optional.empty();
        }
        return Optional.of(person);
    }
}
