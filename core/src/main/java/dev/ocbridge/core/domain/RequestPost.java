package dev.ocbridge.core.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The post that shows a request the agent still waits on, in the thread of the session that asked (or of
 * its root session). Questions are answered one after the other: {@code answersSoFar} holds the answers
 * given to the first ones. {@code answeredUpTo} is the chat server's time of the newest input the request
 * has taken (the post itself to begin with): a reaction from before it was already used or came too early.
 */
public record RequestPost(RequestKey key, SessionId sessionId, ThreadRef thread, PostId postId,
                          List<List<String>> answersSoFar, Instant answeredUpTo) {
    public RequestPost {
        Checks.require(key, "request key");
        Checks.require(sessionId, "session id");
        Checks.require(thread, "thread");
        Checks.require(postId, "post id");
        answersSoFar = answersSoFar == null ? List.of() : answersSoFar.stream().map(List::copyOf).toList();
        Checks.require(answeredUpTo, "answeredUpTo");
    }

    /** A request just posted: nothing answered yet. */
    public static RequestPost posted(RequestKey key, SessionId session, ChatPost post) {
        return new RequestPost(key, session, post.thread(), post.id(), List.of(), post.createdAt());
    }

    /** One more question answered, by input the chat server recorded at {@code at}. */
    public RequestPost withAnswer(List<String> answer, Instant at) {
        List<List<String>> answers = new ArrayList<>(answersSoFar);
        answers.add(answer);
        return new RequestPost(key, sessionId, thread, postId, answers, at);
    }
}
