package dev.ocbridge.core.testing;

import dev.ocbridge.core.domain.AgentInfo;
import dev.ocbridge.core.domain.AnsweringMessage;
import dev.ocbridge.core.domain.FileChange;
import dev.ocbridge.core.domain.MessageInfo;
import dev.ocbridge.core.domain.ModelRef;
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
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.error.RejectedRequestException;
import dev.ocbridge.core.error.ServerMisroutedException;
import dev.ocbridge.core.error.UnavailableException;
import dev.ocbridge.core.port.out.SessionPort;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link SessionPort} fake for core tests: sessions in memory, prompts recorded. Events are not
 * produced here; tests push them into the service under test themselves. The fake server works in
 * {@code serverDirectory}; every other directory exists on it unless declared missing. As on the real server,
 * a prompt's model stays the session's model for later prompts that name none.
 */
public final class FakeSessionPort implements SessionPort {
    private final Clock clock;
    private final String serverDirectory;
    private final List<ProjectInfo> projects = new ArrayList<>();
    private final Set<String> missingDirectories = new HashSet<>();
    /** As the real adapter does, listing covers the server's own directory and those sessions were created in. */
    private final Set<String> servedDirectories = new HashSet<>();
    private final Map<SessionId, SessionInfo> sessions = new LinkedHashMap<>();
    private final Map<SessionId, List<Prompt>> prompts = new HashMap<>();
    private final List<PermissionRequest> permissions = new ArrayList<>();
    private final Map<PermissionRequest, PermissionReply> permissionReplies = new LinkedHashMap<>();
    private final Map<PermissionRequest, String> permissionMessages = new LinkedHashMap<>();
    private final List<QuestionRequest> questions = new ArrayList<>();
    private final Map<QuestionRequest, List<List<String>>> questionAnswers = new LinkedHashMap<>();
    private final List<QuestionRequest> rejectedQuestions = new ArrayList<>();
    private final Map<SessionId, SessionStatus> statuses = new LinkedHashMap<>();
    private final List<SessionId> aborted = new ArrayList<>();
    private int answerFailuresToInject;
    private final AtomicInteger ids = new AtomicInteger();
    private String unavailableReason;
    private String misroutedReason;
    private volatile Gate creationGate;
    private boolean loseNextPromptAnswer;
    private String rejectNextPromptReason;
    private List<ProviderInfo> providers = List.of();
    private List<AgentInfo> agents = List.of();
    private PromptChoices serverDefaults = PromptChoices.NONE;
    private final Map<SessionId, List<FileChange>> changes = new HashMap<>();
    private final Map<SessionId, List<AnsweringMessage>> latestRuns = new HashMap<>();

    public FakeSessionPort(Clock clock, String serverDirectory) {
        this.clock = clock;
        this.serverDirectory = serverDirectory;
        this.servedDirectories.add(serverDirectory);
    }

    /** A project the server knows as such (in OpenCode: a git repository). */
    public synchronized void addProject(ProjectInfo project) {
        projects.add(project);
    }

    /** A directory that does not exist on the server's machine: sessions cannot be created there. */
    public synchronized void missingDirectory(String directory) {
        missingDirectories.add(directory);
    }

    /** A session created elsewhere (the agent's own UI, another client). */
    public synchronized SessionInfo addSession(String title, String directory, SessionId parent) {
        SessionInfo session = new SessionInfo(new SessionId("ses_" + ids.incrementAndGet()), parent, title,
                directory, clock.instant(), clock.instant());
        sessions.put(session.id(), session);
        return session;
    }

    /** Someone works in the session in another client: it is updated now. Returns what the server announces. */
    public synchronized SessionInfo usedElsewhere(SessionId id) {
        SessionInfo old = sessions.get(id);
        SessionInfo updated = new SessionInfo(id, old.parentId(), old.title(), old.directory(), old.createdAt(),
                clock.instant());
        sessions.put(id, updated);
        return updated;
    }

    public synchronized void removeSession(SessionId id) {
        sessions.remove(id);
    }

    /**
     * From now on {@link #createSession} creates the session and then waits at {@code gate} before it
     * returns, as a slow server does; the fake's other calls do not wait.
     */
    public void holdCreations(Gate gate) {
        creationGate = gate;
    }

    /** The next prompt reaches its session, but the call fails as when the server's answer is lost. */
    public synchronized void loseTheAnswerToTheNextPrompt() {
        loseNextPromptAnswer = true;
    }

    /** The next prompt is refused by the server with {@code reason} and reaches no session. */
    public synchronized void rejectNextPrompt(String reason) {
        rejectNextPromptReason = reason;
    }

    /** Every call fails as if the server were down, until {@code null} is given. */
    public synchronized void unavailable(String reason) {
        unavailableReason = reason;
    }

    /**
     * Calls on one session's routes fail as when the server says the session does not exist but does not answer
     * as the server that holds it (a misrouted proxy), until {@code null} is given; lists still answer.
     */
    public synchronized void misrouteSessionRoutes(String reason) {
        misroutedReason = reason;
    }

    public synchronized List<Prompt> promptsTo(SessionId id) {
        return List.copyOf(prompts.getOrDefault(id, List.of()));
    }

    public synchronized Map<SessionId, List<Prompt>> allPrompts() {
        return Map.copyOf(prompts);
    }

    public synchronized void offer(List<ProviderInfo> offeredProviders, List<AgentInfo> offeredAgents,
                                   PromptChoices defaults) {
        providers = List.copyOf(offeredProviders);
        agents = List.copyOf(offeredAgents);
        serverDefaults = defaults;
    }

    /** The agent changed files in the session. */
    public synchronized void changed(SessionId id, List<FileChange> fileChanges) {
        changes.put(id, List.copyOf(fileChanges));
    }

    public synchronized void addPermission(PermissionRequest request) {
        permissions.add(request);
    }

    public synchronized Map<PermissionRequest, PermissionReply> permissionReplies() {
        return Map.copyOf(permissionReplies);
    }

    /** The message sent with each permission answer that had one. */
    public synchronized Map<PermissionRequest, String> permissionMessages() {
        return Map.copyOf(permissionMessages);
    }

    public synchronized void addQuestion(QuestionRequest request) {
        questions.add(request);
    }

    public synchronized Map<QuestionRequest, List<List<String>>> questionAnswers() {
        return Map.copyOf(questionAnswers);
    }

    public synchronized List<QuestionRequest> rejectedQuestions() {
        return List.copyOf(rejectedQuestions);
    }

    /** The session runs (or, with an idle status, stops running), as the server reports it. */
    public synchronized void status(SessionId id, SessionStatus status) {
        if (status instanceof SessionStatus.Idle) {
            statuses.remove(id);
        } else {
            statuses.put(id, status);
        }
    }

    /** The sessions aborted, in order; an abort ends the run, so the session is idle afterwards. */
    public synchronized List<SessionId> aborted() {
        return List.copyOf(aborted);
    }

    /** The next {@code count} answers to permissions or questions fail as if the server were unreachable. */
    public synchronized void failNextAnswers(int count) {
        answerFailuresToInject = count;
    }

    @Override
    public synchronized List<SessionInfo> listSessions() {
        failIfDown();
        return sessions.values().stream()
                .filter(session -> servedDirectories.contains(session.directory()))
                .toList();
    }

    @Override
    public synchronized List<SessionInfo> recentRootSessions(Instant since, int limit) {
        failIfDown();
        return sessions.values().stream()
                .filter(SessionInfo::isRoot)
                .filter(session -> !session.updatedAt().isBefore(since))
                .sorted(Comparator.comparing(SessionInfo::updatedAt).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<ProjectInfo> projects() {
        failIfDown();
        return List.copyOf(projects);
    }

    @Override
    public synchronized String serverDirectory() {
        failIfDown();
        return serverDirectory;
    }

    @Override
    public synchronized Optional<SessionInfo> session(SessionId id) {
        failIfDown();
        failIfMisrouted();
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public SessionInfo createSession(NewSession request) {
        SessionInfo session = create(request);
        Gate gate = creationGate;
        if (gate != null) {
            gate.pass();
        }
        return session;
    }

    private synchronized SessionInfo create(NewSession request) {
        failIfDown();
        String directory = request.chosenDirectory().orElse(serverDirectory);
        if (missingDirectories.contains(directory)) {
            throw new RejectedRequestException("the directory " + directory + " does not exist on the server");
        }
        servedDirectories.add(directory);
        SessionInfo session = new SessionInfo(new SessionId("ses_" + ids.incrementAndGet()), null,
                request.title() == null ? "New session" : request.title(), directory, clock.instant(),
                clock.instant());
        sessions.put(session.id(), session);
        return session;
    }

    @Override
    public synchronized void deleteSession(SessionId id) {
        require(id);
        sessions.remove(id);
    }

    @Override
    public synchronized void sendPrompt(SessionId id, Prompt prompt) {
        require(id);
        if (rejectNextPromptReason != null) {
            String reason = rejectNextPromptReason;
            rejectNextPromptReason = null;
            throw new RejectedRequestException(reason);
        }
        prompts.computeIfAbsent(id, key -> new ArrayList<>()).add(prompt);
        SessionInfo old = sessions.get(id);
        ModelRef model = prompt.chosenModel().or(old::currentModel).orElse(serverDefaults.model());
        String agent = prompt.chosenAgent().orElse(serverDefaults.agent());
        sessions.put(id, new SessionInfo(id, old.parentId(), old.title(), old.directory(), old.createdAt(),
                clock.instant(), model, agent));
        if (loseNextPromptAnswer) {
            loseNextPromptAnswer = false;
            throw new UnavailableException("no answer from the server (injected)");
        }
    }

    @Override
    public synchronized void abort(SessionId id) {
        failIfDown();
        aborted.add(id);
        statuses.remove(id);
    }

    @Override
    public synchronized Map<SessionId, SessionStatus> statuses() {
        failIfDown();
        return Map.copyOf(statuses);
    }

    @Override
    public synchronized List<PermissionRequest> pendingPermissions() {
        failIfDown();
        return List.copyOf(permissions);
    }

    @Override
    public synchronized List<PermissionRequest> pendingPermissionsOf(SessionId session) {
        require(session);
        return permissions.stream().filter(request -> request.sessionId().equals(session)).toList();
    }

    @Override
    public synchronized void answerPermission(PermissionRequest request, PermissionReply reply, String message) {
        failIfDown();
        failAnswerIfAsked();
        PermissionRequest pending = permissions.stream().filter(asked -> asked.id().equals(request.id()))
                .findFirst().orElseThrow(() -> new NotFoundException("no pending permission " + request.id()));
        permissions.remove(pending);
        permissionReplies.put(pending, reply);
        if (message != null) {
            permissionMessages.put(pending, message);
        }
    }

    @Override
    public synchronized List<QuestionRequest> pendingQuestions() {
        failIfDown();
        return List.copyOf(questions);
    }

    @Override
    public synchronized List<QuestionRequest> pendingQuestionsOf(SessionId session) {
        require(session);
        return questions.stream().filter(request -> request.sessionId().equals(session)).toList();
    }

    @Override
    public synchronized void answerQuestion(QuestionRequest request, List<List<String>> answers) {
        failIfDown();
        failAnswerIfAsked();
        QuestionRequest pending = pendingQuestion(request);
        questions.remove(pending);
        questionAnswers.put(pending, answers.stream().map(List::copyOf).toList());
    }

    @Override
    public synchronized void rejectQuestion(QuestionRequest request) {
        failIfDown();
        failAnswerIfAsked();
        QuestionRequest pending = pendingQuestion(request);
        questions.remove(pending);
        rejectedQuestions.add(pending);
    }

    private QuestionRequest pendingQuestion(QuestionRequest request) {
        return questions.stream().filter(asked -> asked.id().equals(request.id())).findFirst()
                .orElseThrow(() -> new NotFoundException("no pending question " + request.id()));
    }

    private void failAnswerIfAsked() {
        if (answerFailuresToInject > 0) {
            answerFailuresToInject--;
            throw new UnavailableException("agent server unreachable (injected)");
        }
    }

    @Override
    public synchronized List<ProviderInfo> providers() {
        failIfDown();
        return providers;
    }

    @Override
    public synchronized List<AgentInfo> agents() {
        failIfDown();
        return agents;
    }

    @Override
    public synchronized PromptChoices serverDefaults() {
        failIfDown();
        return serverDefaults;
    }

    @Override
    public synchronized List<FileChange> changes(SessionId id) {
        require(id);
        return changes.getOrDefault(id, List.of());
    }

    @Override
    public synchronized List<MessageInfo> messages(SessionId id) {
        require(id);
        return List.of();
    }

    /** What the server holds of the session's latest run, as {@link #latestRun} reports it. */
    public synchronized void latestRunIs(SessionId id, List<AnsweringMessage> messages) {
        latestRuns.put(id, List.copyOf(messages));
    }

    @Override
    public synchronized List<AnsweringMessage> latestRun(SessionId id) {
        require(id);
        return latestRuns.getOrDefault(id, List.of());
    }

    @Override
    public synchronized String latestAnswerText(SessionId id) {
        require(id);
        return "";
    }

    @Override
    public synchronized List<Todo> todos(SessionId id) {
        require(id);
        return List.of();
    }

    private void require(SessionId id) {
        failIfDown();
        failIfMisrouted();
        if (!sessions.containsKey(id)) {
            throw new NotFoundException("Session not found: " + id);
        }
    }

    private void failIfMisrouted() {
        if (misroutedReason != null) {
            throw new ServerMisroutedException(misroutedReason);
        }
    }

    private void failIfDown() {
        if (unavailableReason != null) {
            throw new UnavailableException(unavailableReason);
        }
    }
}
