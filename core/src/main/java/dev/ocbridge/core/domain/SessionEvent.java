package dev.ocbridge.core.domain;

import java.util.List;

/** What the agent server tells the bridge. */
public sealed interface SessionEvent {

    /** The event stream is up; after a gap, what was missed has been resynchronised before this. */
    record StreamConnected(boolean reconnected) implements SessionEvent {
    }

    /** The event stream dropped; the adapter is reconnecting. */
    record StreamDisconnected(String reason) implements SessionEvent {
    }

    /** Events about one session. */
    sealed interface OfSession extends SessionEvent {
        SessionId sessionId();
    }

    record SessionCreated(SessionInfo session) implements OfSession {
        public SessionId sessionId() {
            return session.id();
        }
    }

    record SessionUpdated(SessionInfo session) implements OfSession {
        public SessionId sessionId() {
            return session.id();
        }
    }

    record SessionDeleted(SessionInfo session) implements OfSession {
        public SessionId sessionId() {
            return session.id();
        }
    }

    /** A level signal: the same status may repeat. */
    record SessionStatusChanged(SessionId sessionId, SessionStatus status) implements OfSession {
    }

    /** The session finished its run (or was aborted) and waits for a prompt. */
    record SessionIdle(SessionId sessionId) implements OfSession {
    }

    record SessionErrored(SessionId sessionId, SessionError error) implements OfSession {
    }

    /**
     * The session began answering a prompt the bridge sent ({@link Prompt#id()}). A prompt sent while the
     * session was working may start together with later ones, each of which is reported.
     */
    record PromptStarted(SessionId sessionId, PromptId promptId) implements OfSession {
    }

    /** The conversation was summarised to fit the context window. */
    record SessionCompacted(SessionId sessionId) implements OfSession {
    }

    /** A message was created or changed (upsert by id: the same message arrives many times). */
    record MessageUpdated(MessageInfo message) implements OfSession {
        public SessionId sessionId() {
            return message.sessionId();
        }
    }

    /** A piece of streamed text to append to the part's text. */
    record TextDelta(SessionId sessionId, MessageId messageId, PartId partId, TextKind kind, String delta)
            implements OfSession {
    }

    /**
     * The whole text of a part as the server holds it. When {@code complete}, it is final and wins over
     * whatever deltas were summed.
     */
    record TextPartUpdated(SessionId sessionId, MessageId messageId, PartId partId, TextKind kind, String text,
                           boolean complete) implements OfSession {
    }

    record ToolUpdated(SessionId sessionId, ToolCall tool) implements OfSession {
    }

    record PermissionAsked(PermissionRequest request) implements OfSession {
        public SessionId sessionId() {
            return request.sessionId();
        }
    }

    record PermissionReplied(SessionId sessionId, PermissionId requestId, PermissionReply reply)
            implements OfSession {
    }

    record QuestionAsked(QuestionRequest request) implements OfSession {
        public SessionId sessionId() {
            return request.sessionId();
        }
    }

    record QuestionReplied(SessionId sessionId, QuestionId requestId, List<List<String>> answers)
            implements OfSession {
        public QuestionReplied {
            answers = answers.stream().map(List::copyOf).toList();
        }
    }

    record QuestionRejected(SessionId sessionId, QuestionId requestId) implements OfSession {
    }

    record TodoUpdated(SessionId sessionId, List<Todo> todos) implements OfSession {
        public TodoUpdated {
            todos = List.copyOf(todos);
        }
    }
}
