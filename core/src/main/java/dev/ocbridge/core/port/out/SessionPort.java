package dev.ocbridge.core.port.out;

import dev.ocbridge.core.domain.AgentInfo;
import dev.ocbridge.core.domain.AnsweringMessage;
import dev.ocbridge.core.domain.FileChange;
import dev.ocbridge.core.domain.MessageInfo;
import dev.ocbridge.core.domain.NewSession;
import dev.ocbridge.core.domain.PermissionReply;
import dev.ocbridge.core.domain.PermissionRequest;
import dev.ocbridge.core.domain.ProjectInfo;
import dev.ocbridge.core.domain.Prompt;
import dev.ocbridge.core.domain.PromptChoices;
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

    /**
     * Starts a run, or joins the running one as the prompt's delivery says, and returns at once; everything
     * else arrives as events, {@link dev.ocbridge.core.domain.SessionEvent.PromptStarted} among them. Prompts
     * sent one after another to a session are answered in that order.
     */
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

    /** The agents the server offers, sub-agents and hidden ones included. */
    List<AgentInfo> agents();

    /** The model and agent a prompt gets when it names none and its session has used none yet. */
    PromptChoices serverDefaults();

    /**
     * The files the session's work changed, oldest first; a file changed by several prompts may appear
     * once per prompt.
     */
    List<FileChange> changes(SessionId id);

    /** Messages of a session, oldest first. */
    List<MessageInfo> messages(SessionId id);

    /**
     * The assistant messages of the session's latest run (after its newest user message), oldest first, each with
     * its text parts (answer and reasoning, not synthetic ones); empty when the run has none.
     */
    List<AnsweringMessage> latestRun(SessionId id);

    /** The text of the newest assistant message's answer parts, joined, or empty. */
    String latestAnswerText(SessionId id);

    List<Todo> todos(SessionId id);
}
