package dev.ocbridge.core.port.out;

import dev.ocbridge.core.domain.MessageInfo;
import dev.ocbridge.core.domain.NewSession;
import dev.ocbridge.core.domain.PermissionReply;
import dev.ocbridge.core.domain.PermissionRequest;
import dev.ocbridge.core.domain.ProjectInfo;
import dev.ocbridge.core.domain.Prompt;
import dev.ocbridge.core.domain.ProviderInfo;
import dev.ocbridge.core.domain.QuestionRequest;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.domain.Todo;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent server as the bridge uses it. Failures are {@link dev.ocbridge.core.error.BridgeException}s.
 */
public interface SessionPort {

    /**
     * Sessions of the directories the adapter serves (the configured one or the server's own, and every one
     * seen since it started), newest activity first, children included.
     */
    List<SessionInfo> listSessions();

    /**
     * Root sessions of every project on the server that were active at or after {@code since}, newest activity
     * first, at most {@code limit} of them.
     */
    List<SessionInfo> recentRootSessions(Instant since, int limit);

    /**
     * The projects the server knows as such, in no particular order. Directories that are no project of the
     * server's (OpenCode: not in a git repository) are not among them; their sessions still are listed.
     */
    List<ProjectInfo> projects();

    /** Where a session created without a directory works: the server's own working directory. */
    String serverDirectory();

    /**
     * Empty only when the server that holds the bridge's sessions says this one is gone. Calls on one session
     * (this one, prompting, aborting, its messages) throw {@link dev.ocbridge.core.error.ServerMisroutedException}
     * instead of saying "gone" when whoever answered is not that server, as far as the adapter can tell.
     */
    Optional<SessionInfo> session(SessionId id);

    /**
     * Creates a session in the requested directory, or where the server works when none is given. A directory
     * the server cannot work in is refused ({@link dev.ocbridge.core.error.RejectedRequestException} with the
     * server's reason), and no session is created.
     */
    SessionInfo createSession(NewSession request);

    void deleteSession(SessionId id);

    /** Starts a run and returns at once; everything else arrives as events. */
    void sendPrompt(SessionId id, Prompt prompt);

    void abort(SessionId id);

    /** Sessions that are not idle; a session missing from the map is idle. */
    Map<SessionId, SessionStatus> statuses();

    List<PermissionRequest> pendingPermissions();

    void answerPermission(PermissionRequest request, PermissionReply reply, String message);

    List<QuestionRequest> pendingQuestions();

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
