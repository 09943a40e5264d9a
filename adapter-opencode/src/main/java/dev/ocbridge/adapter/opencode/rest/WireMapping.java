package dev.ocbridge.adapter.opencode.rest;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.ocbridge.core.domain.AgentInfo;
import dev.ocbridge.core.domain.FileChange;
import dev.ocbridge.core.domain.LineChanges;
import dev.ocbridge.core.domain.MessageId;
import dev.ocbridge.core.domain.MessageInfo;
import dev.ocbridge.core.domain.MessageRole;
import dev.ocbridge.core.domain.ModelInfo;
import dev.ocbridge.core.domain.ModelRef;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.PermissionId;
import dev.ocbridge.core.domain.PermissionReply;
import dev.ocbridge.core.domain.PermissionRequest;
import dev.ocbridge.core.domain.ProjectInfo;
import dev.ocbridge.core.domain.ProviderInfo;
import dev.ocbridge.core.domain.Question;
import dev.ocbridge.core.domain.QuestionId;
import dev.ocbridge.core.domain.QuestionRequest;
import dev.ocbridge.core.domain.SessionError;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.domain.TextKind;
import dev.ocbridge.core.domain.Todo;
import dev.ocbridge.core.domain.TokenUsage;
import dev.ocbridge.core.domain.ToolCall;
import dev.ocbridge.core.domain.ToolDetails;
import dev.ocbridge.core.domain.ToolState;
import dev.ocbridge.core.domain.ToolTarget;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Maps wire records to domain values. Absent optional fields become neutral values, never errors. */
public final class WireMapping {

    private static final Moshi MOSHI = new Moshi.Builder().build();
    private static final JsonAdapter<Map<String, Object>> JSON_OBJECT =
            MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
    private static final JsonAdapter<Object> JSON_VALUE = MOSHI.adapter(Object.class);

    /**
     * The input fields of OpenCode's tools that name what a call acts on, most telling first: {@code bash} has a
     * command and a description, {@code grep} a pattern and a path, {@code task} a description and a prompt.
     */
    private static final Map<String, ToolTarget.Kind> TARGET_FIELDS = targetFields();

    private WireMapping() {
    }

    public static SessionInfo session(SessionWire wire) {
        TimeWire time = wire.time();
        Instant created = instant(time == null ? null : time.created());
        SessionModelWire model = wire.model();
        return new SessionInfo(new SessionId(wire.id()),
                blank(wire.parentID()) ? null : new SessionId(wire.parentID()),
                wire.title(), wire.directory(),
                created == null ? Instant.EPOCH : created,
                instant(time == null ? null : time.updated()),
                model == null || blank(model.providerID()) || blank(model.id()) ? null
                        : new ModelRef(model.providerID(), model.id()),
                wire.agent());
    }

    /** A project's own name when it was given one (OpenCode's desktop app can), else its directory's. */
    public static ProjectInfo project(ProjectWire wire) {
        return new ProjectInfo(wire.name(), wire.worktree());
    }

    public static MessageInfo message(MessageWire wire) {
        TimeWire time = wire.time();
        MessageRole role = "user".equals(wire.role()) ? MessageRole.USER : MessageRole.ASSISTANT;
        return new MessageInfo(new MessageId(wire.id()), new SessionId(wire.sessionID()), role,
                blank(wire.finish()) ? null : wire.finish(),
                wire.error() == null ? null : error(wire.error()),
                wire.cost() == null ? 0 : wire.cost(),
                tokens(wire.tokens()),
                instant(time == null ? null : time.created()),
                instant(time == null ? null : time.completed()),
                blank(wire.parentID()) ? null : new MessageId(wire.parentID()),
                blank(wire.providerID()) || blank(wire.modelID()) ? null : new ModelRef(wire.providerID(), wire.modelID()));
    }

    public static SessionError error(ErrorWire wire) {
        return new SessionError(wire.name(), wire.data() == null ? null : wire.data().message());
    }

    public static TokenUsage tokens(TokensWire wire) {
        if (wire == null) {
            return TokenUsage.NONE;
        }
        TokensWire.CacheWire cache = wire.cache();
        return new TokenUsage(count(wire.input()), count(wire.output()), count(wire.reasoning()),
                cache == null ? 0 : count(cache.read()), cache == null ? 0 : count(cache.write()));
    }

    public static SessionStatus status(SessionStatusWire wire) {
        String type = wire == null || wire.type() == null ? "" : wire.type();
        switch (type) {
            case "busy":
                return SessionStatus.busy();
            case "retry":
                return new SessionStatus.Retrying(wire.attempt() == null ? 0 : wire.attempt(), wire.message(),
                        instant(wire.next()));
            default:
                return SessionStatus.idle();
        }
    }

    /** The kind of text a part holds, if it is a text or reasoning part. */
    public static Optional<TextKind> textKind(PartWire part) {
        if ("text".equals(part.type())) {
            return Optional.of(TextKind.ANSWER);
        }
        if ("reasoning".equals(part.type())) {
            return Optional.of(TextKind.REASONING);
        }
        return Optional.empty();
    }

    public static boolean isTool(PartWire part) {
        return "tool".equals(part.type()) && part.state() != null;
    }

    /** A tool part as a tool call; the output of a running shell command is its live output so far. */
    public static ToolCall tool(PartWire part) {
        ToolStateWire state = part.state();
        ToolState toolState = toolState(state.status());
        String output = state.output();
        if (output == null && state.metadata() != null && state.metadata().get("output") instanceof String live) {
            output = live;
        }
        TimeWire time = state.time();
        return new ToolCall(new PartId(part.id()), new MessageId(part.messageID()), part.callID(), part.tool(),
                toolState, state.title(),
                state.input() == null || state.input().isEmpty() ? "" : JSON_OBJECT.toJson(state.input()),
                output, state.error(),
                instant(time == null ? null : time.start()),
                instant(time == null ? null : time.end()),
                details(state.input(), state.metadata()));
    }

    /**
     * What the tool acts on (from its input), the lines it changed ({@code edit}'s {@code filediff}, or the lines
     * {@code write} wrote), the exit code of {@code bash} and the child session of {@code task} (from metadata).
     */
    static ToolDetails details(Map<String, Object> input, Map<String, Object> metadata) {
        Map<String, Object> in = input == null ? Map.of() : input;
        Map<String, Object> meta = metadata == null ? Map.of() : metadata;
        ToolTarget target = ToolTarget.NONE;
        for (Map.Entry<String, ToolTarget.Kind> field : TARGET_FIELDS.entrySet()) {
            if (in.get(field.getKey()) instanceof String text && !text.isBlank()) {
                target = new ToolTarget(field.getValue(), text);
                break;
            }
        }
        LineChanges changes = null;
        if (meta.get("filediff") instanceof Map<?, ?> diff
                && diff.get("additions") instanceof Number added && diff.get("deletions") instanceof Number removed) {
            changes = new LineChanges(Math.max(0, added.intValue()), Math.max(0, removed.intValue()));
        } else if (in.get("content") instanceof String written && target.kind() == ToolTarget.Kind.FILE) {
            changes = new LineChanges(lines(written), 0);
        }
        Integer exit = meta.get("exit") instanceof Number code ? code.intValue() : null;
        SessionId child = meta.get("sessionId") instanceof String id && !id.isBlank() ? new SessionId(id) : null;
        return new ToolDetails(target, changes, exit, child);
    }

    private static int lines(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        int count = (int) text.chars().filter(c -> c == '\n').count();
        return text.endsWith("\n") ? count : count + 1;
    }

    private static Map<String, ToolTarget.Kind> targetFields() {
        Map<String, ToolTarget.Kind> fields = new LinkedHashMap<>();
        fields.put("command", ToolTarget.Kind.COMMAND);
        fields.put("filePath", ToolTarget.Kind.FILE);
        fields.put("pattern", ToolTarget.Kind.PATTERN);
        fields.put("url", ToolTarget.Kind.URL);
        fields.put("path", ToolTarget.Kind.FILE);
        fields.put("query", ToolTarget.Kind.OTHER);
        fields.put("description", ToolTarget.Kind.DESCRIPTION);
        return fields;
    }

    private static ToolState toolState(String status) {
        if (status == null) {
            return ToolState.PENDING;
        }
        switch (status) {
            case "running":
                return ToolState.RUNNING;
            case "completed":
                return ToolState.COMPLETED;
            case "error":
                return ToolState.ERROR;
            default:
                return ToolState.PENDING;
        }
    }

    public static PermissionRequest permission(PermissionRequestWire wire) {
        Map<String, String> details = new LinkedHashMap<>();
        if (wire.metadata() != null) {
            wire.metadata().forEach((key, value) -> {
                if (key != null && value != null) {
                    details.put(key, value instanceof String text ? text : JSON_VALUE.toJson(value));
                }
            });
        }
        return new PermissionRequest(new PermissionId(wire.id()), new SessionId(wire.sessionID()), wire.permission(),
                orEmpty(wire.patterns()), orEmpty(wire.always()), details);
    }

    public static PermissionReply permissionReply(String wire) {
        return PermissionReply.valueOf(Objects.requireNonNull(wire, "reply").toUpperCase(Locale.ROOT));
    }

    public static String permissionReply(PermissionReply reply) {
        return reply.name().toLowerCase(Locale.ROOT);
    }

    public static QuestionRequest question(QuestionRequestWire wire) {
        List<Question> questions = orEmpty(wire.questions()).stream()
                .filter(Objects::nonNull)
                .map(question -> new Question(question.header(), question.question(),
                        orEmpty(question.options()).stream()
                                .filter(option -> option != null && option.label() != null)
                                .map(option -> new Question.Option(option.label(), option.description()))
                                .toList(),
                        Boolean.TRUE.equals(question.multiple()),
                        // Absent means allowed: OpenCode 1.18 offers its own "type your answer" unless told not to.
                        !Boolean.FALSE.equals(question.custom())))
                .toList();
        return new QuestionRequest(new QuestionId(wire.id()), new SessionId(wire.sessionID()), questions);
    }

    public static Todo todo(TodoWire wire) {
        return new Todo(wire.content(), wire.status(), wire.priority());
    }

    public static ProviderInfo provider(ProvidersWire.ProviderWire wire) {
        List<ModelInfo> models = wire.models() == null ? List.of() : wire.models().entrySet().stream()
                .filter(entry -> entry.getValue() != null)
                .map(entry -> {
                    ProvidersWire.ModelWire model = entry.getValue();
                    String modelId = blank(model.id()) ? entry.getKey() : model.id();
                    return new ModelInfo(new ModelRef(wire.id(), modelId), model.name());
                })
                .toList();
        return new ProviderInfo(wire.id(), wire.name(), models);
    }

    public static AgentInfo agent(AgentWire wire) {
        String mode = wire.mode() == null ? "" : wire.mode();
        return new AgentInfo(wire.name(), wire.description(), mode.equals("primary") || mode.equals("all"),
                Boolean.TRUE.equals(wire.hidden()));
    }

    /** A model written {@code provider/model} (the model id may hold more slashes), if it is one. */
    public static Optional<ModelRef> modelRef(String written) {
        int slash = written == null ? -1 : written.indexOf('/');
        if (slash <= 0 || slash == written.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new ModelRef(written.substring(0, slash), written.substring(slash + 1)));
    }

    public static FileChange fileChange(FileDiffWire wire) {
        String status = wire.status() == null ? "" : wire.status();
        FileChange.Kind kind = status.equals("added") ? FileChange.Kind.ADDED
                : status.equals("deleted") ? FileChange.Kind.DELETED : FileChange.Kind.MODIFIED;
        return new FileChange(wire.file(), kind, lines(wire.additions()), lines(wire.deletions()), wire.patch());
    }

    private static int lines(Double count) {
        return count == null || count < 0 ? 0 : (int) Math.round(count);
    }

    public static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }

    private static long count(Long value) {
        return value == null ? 0 : value;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }
}
