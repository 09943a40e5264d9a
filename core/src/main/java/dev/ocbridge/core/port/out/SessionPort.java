package dev.ocbridge.core.port.out;

import dev.ocbridge.core.domain.MessageInfo;
import dev.ocbridge.core.domain.NewSession;
import dev.ocbridge.core.domain.PermissionReply;
import dev.ocbridge.core.domain.PermissionRequest;
import dev.ocbridge.core.domain.Prompt;
import dev.ocbridge.core.domain.ProviderInfo;
import dev.ocbridge.core.domain.QuestionRequest;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.domain.Todo;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent server as the bridge uses it. Failures are {@link dev.ocbridge.core.error.BridgeException}s.
 */
public interface SessionPort {

    /** Sessions of the served directories, newest activity first, children included. */
    List<SessionInfo> listSessions();

    Optional<SessionInfo> session(SessionId id);

    SessionInfo createSession(NewSession request);

    void deleteSession(SessionId id);

    /** Starts a run and returns at once; everything else arrives as events. */
    void sendPrompt(SessionId id, Prompt prompt);

    void abort(SessionId id);

    /** Sessions that are not idle; a session missing from the map is idle. */
    Map<SessionId, SessionStatus> statuses();

    /** Requests still waiting for an answer, in the served directories. */
    List<PermissionRequest> pendingPermissions();

    /**
     * The requests of one session still waiting for an answer, looked up in that session's own project (served or
     * not); a session the server does not know is {@link dev.ocbridge.core.error.NotFoundException}.
     */
    List<PermissionRequest> pendingPermissionsOf(SessionId session);

    void answerPermission(PermissionRequest request, PermissionReply reply, String message);

    /** Questions still waiting for an answer, in the served directories. */
    List<QuestionRequest> pendingQuestions();

    /** As {@link #pendingPermissionsOf}, for questions. */
    List<QuestionRequest> pendingQuestionsOf(SessionId session);

    /** One list of chosen labels (or free text) per question. */
    void answerQuestion(QuestionRequest request, List<List<String>> answers);

    void rejectQuestion(QuestionRequest request);

    List<ProviderInfo> providers();

    /** Messages of a session, oldest first. */
    List<MessageInfo> messages(SessionId id);

    /** The text of the newest assistant message's answer parts, joined, or empty. */
    String latestAnswerText(SessionId id);

    List<Todo> todos(SessionId id);
}
