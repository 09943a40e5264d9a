package dev.ocbridge.core.domain;

import java.util.List;

/** A set of questions the agent waits on. */
public record QuestionRequest(QuestionId id, SessionId sessionId, List<Question> questions) {
    public QuestionRequest {
        Checks.require(id, "question id");
        Checks.require(sessionId, "session id");
        questions = List.copyOf(questions);
    }
}
