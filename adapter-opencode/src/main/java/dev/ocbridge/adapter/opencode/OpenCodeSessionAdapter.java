package dev.ocbridge.adapter.opencode;

import dev.ocbridge.adapter.opencode.rest.ConfigWire;
import dev.ocbridge.adapter.opencode.rest.FileDiffWire;
import dev.ocbridge.adapter.opencode.rest.MessageWithPartsWire;
import dev.ocbridge.adapter.opencode.rest.NewSessionBody;
import dev.ocbridge.adapter.opencode.rest.OpenCodeApi;
import dev.ocbridge.adapter.opencode.rest.PartWire;
import dev.ocbridge.adapter.opencode.rest.PathWire;
import dev.ocbridge.adapter.opencode.rest.PermissionReplyBody;
import dev.ocbridge.adapter.opencode.rest.ProjectWire;
import dev.ocbridge.adapter.opencode.rest.PromptBody;
import dev.ocbridge.adapter.opencode.rest.ProvidersWire;
import dev.ocbridge.adapter.opencode.rest.QuestionReplyBody;
import dev.ocbridge.adapter.opencode.rest.RemoteCall;
import dev.ocbridge.adapter.opencode.rest.SessionStatusWire;
import dev.ocbridge.adapter.opencode.rest.SessionWire;
import dev.ocbridge.adapter.opencode.rest.UnreadableAnswerException;
import dev.ocbridge.adapter.opencode.rest.WireMapping;
import dev.ocbridge.core.domain.AgentInfo;
import dev.ocbridge.core.domain.AnsweringMessage;
import dev.ocbridge.core.domain.FileChange;
import dev.ocbridge.core.domain.MessageInfo;
import dev.ocbridge.core.domain.MessageRole;
import dev.ocbridge.core.domain.ModelRef;
import dev.ocbridge.core.domain.NewSession;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.PermissionReply;
import dev.ocbridge.core.domain.PermissionRequest;
import dev.ocbridge.core.domain.ProjectInfo;
import dev.ocbridge.core.domain.Prompt;
import dev.ocbridge.core.domain.PromptChoices;
import dev.ocbridge.core.domain.PromptDelivery;
import dev.ocbridge.core.domain.PromptPart;
import dev.ocbridge.core.domain.ProviderInfo;
import dev.ocbridge.core.domain.QuestionRequest;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.domain.TextKind;
import dev.ocbridge.core.domain.Todo;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.error.RejectedRequestException;
import dev.ocbridge.core.error.ServerMisroutedException;
import dev.ocbridge.core.error.UnauthorizedException;
import dev.ocbridge.core.error.UnavailableException;
import dev.ocbridge.core.port.out.SessionPort;
import retrofit2.Call;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** {@link SessionPort} over the HTTP API of {@code opencode serve}. */
public final class OpenCodeSessionAdapter implements SessionPort {

    private static final System.Logger LOG = System.getLogger(OpenCodeSessionAdapter.class.getName());
    /** Enough for the steps of one long run (every tool step is a message of its own). */
    static final int LATEST_MESSAGES = 200;
    /** Sessions asked for per request of the cross-project list. */
    static final int SESSIONS_PER_PAGE = 100;
    /** The catch-all project of every directory outside a git repository: no project a person would pick. */
    private static final String GLOBAL_PROJECT = "global";
    private static final String DEFAULT_AGENT = "build";

    private final OpenCodeApi api;
    private final ServedDirectories directories;
    private final StreamMemory streamMemory;
    private final SentPrompts sentPrompts;
    private final int sessionsPerPage;
    private final AtomicBoolean toldNoCrossProjectList = new AtomicBoolean();
    private final SessionAbsence absence;

    OpenCodeSessionAdapter(OpenCodeApi api, ServedDirectories directories, StreamMemory streamMemory,
                           SentPrompts sentPrompts) {
        this(api, directories, streamMemory, sentPrompts, SESSIONS_PER_PAGE);
    }

    /** {@code sessionsPerPage} small lets a test see the pages of the cross-project list joined. */
    OpenCodeSessionAdapter(OpenCodeApi api, ServedDirectories directories, StreamMemory streamMemory,
                           SentPrompts sentPrompts, int sessionsPerPage) {
        this.api = api;
        this.directories = directories;
        this.streamMemory = streamMemory;
        this.sentPrompts = sentPrompts;
        this.sessionsPerPage = sessionsPerPage;
        this.absence = new SessionAbsence(directories::serverDirectory, () -> askServerDirectory(api),
                this::listSessions);
    }

    @Override
    public List<SessionInfo> listSessions() {
        Map<SessionId, SessionInfo> sessions = new LinkedHashMap<>();
        for (String directory : directories.all()) {
            List<SessionWire> listed = call(api.sessions(directory), "listing the sessions of " + directory);
            for (SessionWire wire : orEmpty(listed)) {
                if (wire.id() == null || wire.id().isBlank()) {
                    LOG.log(System.Logger.Level.WARNING, "skipping a session without id listed in {0}", directory);
                    continue;
                }
                SessionInfo session = WireMapping.session(wire);
                sessions.putIfAbsent(session.id(), session);
            }
        }
        List<SessionInfo> sorted = new ArrayList<>(sessions.values());
        sorted.sort(Comparator.comparing(SessionInfo::updatedAt).reversed());
        return sorted;
    }

    /**
     * From the server's cross-project list, which reads its database without loading an instance per project.
     * A server without that list (it answers the route with its web UI) gets the root sessions of the served
     * directories instead.
     */
    @Override
    public List<SessionInfo> recentRootSessions(Instant since, int limit) {
        try {
            return rootSessionsOfEveryProject(since, limit);
        } catch (NotFoundException | UnreadableAnswerException noSuchList) {
            if (!toldNoCrossProjectList.getAndSet(true)) {
                LOG.log(System.Logger.Level.WARNING, "OpenCode has no list of the sessions of every project ({0}); "
                        + "only sessions of the directories the bridge has seen are found at start",
                        noSuchList.getMessage());
            }
            return listSessions().stream()
                    .filter(SessionInfo::isRoot)
                    .filter(session -> !session.updatedAt().isBefore(since))
                    .limit(limit)
                    .toList();
        }
    }

    /**
     * Page after page, newest first. The server's cursor keeps sessions updated strictly before it, so each
     * next page starts one millisecond after the last session seen and skips the sessions seen already: a
     * session updated in the same millisecond as a page's last one is not lost.
     */
    private List<SessionInfo> rootSessionsOfEveryProject(Instant since, int limit) {
        List<SessionInfo> found = new ArrayList<>();
        Set<SessionId> seen = new HashSet<>();
        Long cursor = null;
        while (found.size() < limit) {
            int asked = Math.min(sessionsPerPage, limit - found.size() + 1);
            List<SessionWire> page = orEmpty(call(api.sessionsOfEveryProject(true, since.toEpochMilli(), cursor, asked),
                    "listing the sessions of every project"));
            int before = found.size();
            for (SessionWire wire : page) {
                if (found.size() < limit && wire.id() != null && !wire.id().isBlank()
                        && seen.add(new SessionId(wire.id()))) {
                    found.add(WireMapping.session(wire));
                }
            }
            SessionWire last = page.isEmpty() ? null : page.get(page.size() - 1);
            if (page.size() < asked || found.size() == before || last.time() == null || last.time().updated() == null) {
                break;
            }
            cursor = last.time().updated() + 1;
        }
        return found;
    }

    /** A server without the project list has no projects to offer; its directories with sessions still are. */
    @Override
    public List<ProjectInfo> projects() {
        List<ProjectWire> projects;
        try {
            projects = call(api.projects(), "listing its projects");
        } catch (NotFoundException | UnreadableAnswerException noSuchList) {
            LOG.log(System.Logger.Level.DEBUG, "OpenCode lists no projects: {0}", noSuchList.getMessage());
            return List.of();
        }
        return orEmpty(projects).stream()
                .filter(project -> !GLOBAL_PROJECT.equals(project.id()))
                .filter(project -> project.worktree() != null && !project.worktree().isBlank())
                .map(WireMapping::project)
                .toList();
    }

    @Override
    public String serverDirectory() {
        return directories.serverDirectory();
    }

    /** Where the server works, from {@code GET /path} without a directory. */
    static String askServerDirectory(OpenCodeApi api) {
        PathWire paths = RemoteCall.execute(api.paths(), "saying where it works");
        if (paths == null || paths.directory() == null || paths.directory().isBlank()) {
            throw new UnavailableException("OpenCode did not say which directory it works in");
        }
        return paths.directory();
    }

    @Override
    public Optional<SessionInfo> session(SessionId id) {
        try {
            return Optional.of(WireMapping.session(onSession(id, api.session(id.value()), "reading session " + id)));
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
    }

    /**
     * The server creates a session in any directory, even one that does not exist, and fails only when it is
     * prompted; so a chosen directory is opened first, and one the server cannot open is refused here.
     */
    @Override
    public SessionInfo createSession(NewSession request) {
        request.chosenDirectory().ifPresent(this::requireOpenableDirectory);
        SessionWire created = call(api.createSession(request.directory(), new NewSessionBody(request.title())),
                "creating a session in " + request.chosenDirectory().orElse("its own directory"));
        SessionInfo session = WireMapping.session(created);
        directories.add(session.directory());
        return session;
    }

    private void requireOpenableDirectory(String directory) {
        try {
            call(api.files(directory, "."), "opening it");
        } catch (NotFoundException | UnreadableAnswerException cannotTell) {
            // A server without the file route: the directory shows whether it works at the first prompt.
            LOG.log(System.Logger.Level.DEBUG, "could not check directory {0} first: {1}", directory,
                    cannotTell.getMessage());
        } catch (UnauthorizedException refused) {
            throw refused;
        } catch (BridgeException e) {
            if (e instanceof UnavailableException && e.getCause() instanceof IOException) {
                throw e;
            }
            throw new RejectedRequestException("OpenCode cannot use the directory " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void deleteSession(SessionId id) {
        onSession(id, api.deleteSession(id.value()), "deleting session " + id);
    }

    /**
     * OpenCode 1.x takes a prompt for a busy session into the running work at its next step: it steers, and
     * cannot hold a prompt back until the run has ended.
     */
    @Override
    public void sendPrompt(SessionId id, Prompt prompt) {
        if (prompt.delivery() != PromptDelivery.STEER) {
            throw new RejectedRequestException("this OpenCode server takes a prompt into the running work; it "
                    + "cannot hold one back until the work has ended");
        }
        List<PromptBody.PartInputWire> parts = prompt.parts().stream().map(OpenCodeSessionAdapter::part).toList();
        PromptBody.ModelSelectionWire model = prompt.chosenModel()
                .map(ref -> new PromptBody.ModelSelectionWire(ref.providerId(), ref.modelId()))
                .orElse(null);
        String messageId = sentPrompts.messageIdFor(id, prompt.id());
        streamMemory.promptSent(id);
        try {
            onSession(id, api.promptAsync(id.value(), new PromptBody(messageId, parts, model, prompt.agent())),
                    "prompting session " + id);
        } catch (NotFoundException | ServerMisroutedException | RejectedRequestException refused) {
            streamMemory.promptRefused(id);
            sentPrompts.refused(id, messageId);
            throw refused;
        }
    }

    private static PromptBody.PartInputWire part(PromptPart part) {
        if (part instanceof PromptPart.Text text) {
            return PromptBody.PartInputWire.text(text.text());
        }
        if (part instanceof PromptPart.File file) {
            return PromptBody.PartInputWire.file(file.mimeType(), file.filename(), file.url());
        }
        throw new IllegalArgumentException("unknown prompt part " + part.getClass().getSimpleName());
    }

    @Override
    public void abort(SessionId id) {
        onSession(id, api.abort(id.value()), "aborting session " + id);
    }

    @Override
    public Map<SessionId, SessionStatus> statuses() {
        Map<SessionId, SessionStatus> statuses = new LinkedHashMap<>();
        for (String directory : directories.all()) {
            Map<String, SessionStatusWire> listed = call(api.sessionStatus(directory),
                    "reading session statuses of " + directory);
            if (listed == null) {
                continue;
            }
            listed.forEach((id, status) -> {
                SessionStatus mapped = WireMapping.status(status);
                if (id != null && !id.isBlank() && !(mapped instanceof SessionStatus.Idle)) {
                    statuses.put(new SessionId(id), mapped);
                }
            });
        }
        return statuses;
    }

    @Override
    public List<PermissionRequest> pendingPermissions() {
        return fromEveryDirectory(api::permissions, "listing pending permissions",
                wire -> wire.id() != null && wire.sessionID() != null, WireMapping::permission);
    }

    @Override
    public List<PermissionRequest> pendingPermissionsOf(SessionId session) {
        return ofSession(session, api::permissions, "listing pending permissions",
                wire -> wire.id() != null && session.value().equals(wire.sessionID()), WireMapping::permission);
    }

    @Override
    public void answerPermission(PermissionRequest request, PermissionReply reply, String message) {
        String directory = directoryOf(request.sessionId());
        String feedback = message == null || message.isBlank() ? null : message;
        call(api.replyPermission(request.id().value(), directory,
                        new PermissionReplyBody(WireMapping.permissionReply(reply), feedback)),
                "answering permission " + request.id());
    }

    @Override
    public List<QuestionRequest> pendingQuestions() {
        return fromEveryDirectory(api::questions, "listing pending questions",
                wire -> wire.id() != null && wire.sessionID() != null, WireMapping::question);
    }

    @Override
    public List<QuestionRequest> pendingQuestionsOf(SessionId session) {
        return ofSession(session, api::questions, "listing pending questions",
                wire -> wire.id() != null && session.value().equals(wire.sessionID()), WireMapping::question);
    }

    @Override
    public void answerQuestion(QuestionRequest request, List<List<String>> answers) {
        String directory = directoryOf(request.sessionId());
        List<List<String>> copied = answers.stream().map(List::copyOf).toList();
        call(api.replyQuestion(request.id().value(), directory, new QuestionReplyBody(copied)),
                "answering question " + request.id());
    }

    @Override
    public void rejectQuestion(QuestionRequest request) {
        String directory = directoryOf(request.sessionId());
        call(api.rejectQuestion(request.id().value(), directory), "rejecting question " + request.id());
    }

    @Override
    public List<ProviderInfo> providers() {
        ProvidersWire providers = call(api.providers(directories.configured().orElse(null)), "listing providers");
        if (providers == null || providers.providers() == null) {
            return List.of();
        }
        return providers.providers().stream()
                .filter(provider -> provider != null && provider.id() != null && !provider.id().isBlank())
                .map(WireMapping::provider)
                .toList();
    }

    @Override
    public List<AgentInfo> agents() {
        return orEmpty(call(api.agents(directories.primary()), "listing agents")).stream()
                .filter(agent -> agent.name() != null && !agent.name().isBlank())
                .map(WireMapping::agent)
                .toList();
    }

    /**
     * The configured model and default agent; without a configured default agent OpenCode takes
     * {@code build}, or else its first agent that people may choose.
     */
    @Override
    public PromptChoices serverDefaults() {
        ConfigWire config = call(api.config(directories.primary()), "reading the configuration");
        Optional<ModelRef> model = WireMapping.modelRef(config == null ? null : config.model());
        List<String> selectable = agents().stream().filter(AgentInfo::selectable).map(AgentInfo::name).toList();
        String configured = config == null ? null : config.defaultAgent();
        String agent = configured != null && selectable.contains(configured) ? configured
                : selectable.contains(DEFAULT_AGENT) ? DEFAULT_AGENT : selectable.stream().findFirst().orElse(null);
        return new PromptChoices(model.orElse(null), agent);
    }

    /**
     * OpenCode 1.18 answers the session-wide diff with nothing and keeps the changes per prompt, so those are
     * asked for each prompt whose run changed files (an assistant message of it holds a {@code patch} part).
     */
    @Override
    public List<FileChange> changes(SessionId id) {
        List<FileDiffWire> whole = orEmpty(onSession(id, api.diff(id.value(), null),
                "reading the changes of session " + id));
        if (!whole.isEmpty()) {
            return fileChanges(whole);
        }
        List<FileChange> changes = new ArrayList<>();
        for (String prompt : promptsThatChangedFiles(messagesWithParts(id))) {
            changes.addAll(fileChanges(orEmpty(onSession(id, api.diff(id.value(), prompt),
                    "reading the changes of prompt " + prompt + " in session " + id))));
        }
        return changes;
    }

    private static List<String> promptsThatChangedFiles(List<MessageWithPartsWire> messages) {
        Set<String> prompts = new LinkedHashSet<>();
        for (MessageWithPartsWire message : messages) {
            boolean patched = orEmpty(message.parts()).stream().anyMatch(part -> "patch".equals(part.type()));
            if (patched && message.info().parentID() != null && !message.info().parentID().isBlank()) {
                prompts.add(message.info().parentID());
            }
        }
        return List.copyOf(prompts);
    }

    private static List<FileChange> fileChanges(List<FileDiffWire> diffs) {
        return diffs.stream().filter(diff -> diff.file() != null && !diff.file().isBlank())
                .map(WireMapping::fileChange).toList();
    }

    @Override
    public List<MessageInfo> messages(SessionId id) {
        return messagesWithParts(id).stream()
                .map(message -> WireMapping.message(message.info()))
                .toList();
    }

    @Override
    public List<AnsweringMessage> latestRun(SessionId id) {
        List<MessageWithPartsWire> messages = latestMessagesWithParts(id, LATEST_MESSAGES);
        int lastUser = -1;
        for (int i = 0; i < messages.size(); i++) {
            if (WireMapping.message(messages.get(i).info()).role() == MessageRole.USER) {
                lastUser = i;
            }
        }
        List<AnsweringMessage> run = new ArrayList<>();
        for (MessageWithPartsWire message : messages.subList(lastUser + 1, messages.size())) {
            MessageInfo info = WireMapping.message(message.info());
            if (info.role() != MessageRole.ASSISTANT) {
                continue;
            }
            List<AnsweringMessage.Text> texts = new ArrayList<>();
            for (PartWire part : orEmpty(message.parts())) {
                Optional<TextKind> kind = WireMapping.textKind(part);
                if (kind.isPresent() && part.id() != null && !Boolean.TRUE.equals(part.synthetic())) {
                    texts.add(new AnsweringMessage.Text(new PartId(part.id()), kind.get(),
                            part.text() == null ? "" : part.text()));
                }
            }
            run.add(new AnsweringMessage(info, texts));
        }
        return run;
    }

    @Override
    public String latestAnswerText(SessionId id) {
        List<MessageWithPartsWire> messages = latestMessagesWithParts(id, LATEST_MESSAGES);
        for (int i = messages.size() - 1; i >= 0; i--) {
            MessageWithPartsWire message = messages.get(i);
            if (WireMapping.message(message.info()).role() == MessageRole.ASSISTANT) {
                return answerText(message);
            }
        }
        return "";
    }

    /** The answer parts (not reasoning, not synthetic) of one message, joined by blank lines. */
    static String answerText(MessageWithPartsWire message) {
        return orEmpty(message.parts()).stream()
                .filter(part -> WireMapping.textKind(part).filter(kind -> kind == TextKind.ANSWER).isPresent())
                .filter(part -> !Boolean.TRUE.equals(part.synthetic()))
                .map(PartWire::text)
                .filter(Objects::nonNull)
                .filter(text -> !text.isEmpty())
                .collect(Collectors.joining("\n\n"));
    }

    /** Messages with their parts, oldest first. */
    List<MessageWithPartsWire> messagesWithParts(SessionId id) {
        return messagesWithParts(id, null);
    }

    /**
     * The newest {@code limit} messages with their parts, oldest first: what resynchronisation needs
     * without reading a long session's whole history on every reconnect.
     */
    List<MessageWithPartsWire> latestMessagesWithParts(SessionId id, int limit) {
        return messagesWithParts(id, limit);
    }

    private List<MessageWithPartsWire> messagesWithParts(SessionId id, Integer limit) {
        return orEmpty(onSession(id, api.messages(id.value(), limit), "reading the messages of session " + id)).stream()
                .filter(message -> message.info() != null && message.info().id() != null
                        && message.info().sessionID() != null)
                .toList();
    }

    @Override
    public List<Todo> todos(SessionId id) {
        return orEmpty(onSession(id, api.todos(id.value()), "reading the todo list of session " + id)).stream()
                .map(WireMapping::todo)
                .toList();
    }

    /** Permission and question replies go to the directory of the session that asked. */
    private String directoryOf(SessionId sessionId) {
        SessionInfo session = session(sessionId)
                .orElseThrow(() -> new NotFoundException("session " + sessionId + " no longer exists"));
        String directory = session.directory().isBlank() ? directories.primary() : session.directory();
        directories.add(directory);
        return directory;
    }

    /** Directory-scoped lists: the server answers for one directory at a time. */
    private <W, T> List<T> fromEveryDirectory(Function<String, Call<List<W>>> request, String what,
                                             Predicate<W> usable, Function<W, T> mapping) {
        List<T> all = new ArrayList<>();
        for (String directory : directories.all()) {
            orEmpty(call(request.apply(directory), what + " of " + directory)).stream()
                    .filter(usable)
                    .map(mapping)
                    .forEach(all::add);
        }
        return all;
    }

    /** A directory-scoped list asked in the session's own directory, so that it is found served or not. */
    private <W, T> List<T> ofSession(SessionId session, Function<String, Call<List<W>>> request, String what,
                                     Predicate<W> ofTheSession, Function<W, T> mapping) {
        String directory = directoryOf(session);
        return orEmpty(call(request.apply(directory), what + " of " + directory)).stream()
                .filter(ofTheSession)
                .map(mapping)
                .toList();
    }

    /** A call on one session's route, whose "not found" is believed only once the server proved itself ours. */
    private <T> T onSession(SessionId id, Call<T> call, String what) {
        try {
            return call(call, what);
        } catch (NotFoundException notFound) {
            throw absence.explain(id, notFound);
        }
    }

    private static <T> T call(Call<T> call, String what) {
        return RemoteCall.execute(call, what);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }
}
