package dev.ocbridge.adapter.opencode.sse;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.Moshi;
import dev.ocbridge.adapter.opencode.rest.PartWire;
import dev.ocbridge.adapter.opencode.rest.PermissionRequestWire;
import dev.ocbridge.adapter.opencode.rest.QuestionRequestWire;
import dev.ocbridge.adapter.opencode.rest.WireMapping;
import dev.ocbridge.core.domain.MessageId;
import dev.ocbridge.core.domain.MessageInfo;
import dev.ocbridge.core.domain.MessageRole;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.PermissionId;
import dev.ocbridge.core.domain.QuestionId;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.TextKind;
import okio.Buffer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the {@code data} of one server-sent event (from {@code /event}, the {@code /global/event}
 * envelope, or the experimental v2 {@code /api/event} form) into domain events. Lenient by design: unknown types and fields are ignored and counted,
 * unreadable events are logged and skipped, nothing here throws.
 *
 * <p>Stateful: a {@code message.part.delta} does not say whether its part is answer or reasoning, so the
 * type of every part seen in {@code message.part.updated} is remembered; text parts of user messages
 * (the prompt itself, and synthetic file contents) are not reported as agent text. One parser per stream,
 * used from one thread at a time.
 */
public final class OpenCodeEventParser {

    /** Larger events are dropped unread: nothing the bridge shows needs them, and memory matters more. */
    public static final int MAX_EVENT_CHARS = 16 * 1024 * 1024;

    /** Distinct unknown types counted by name; garbage with a new type in every event must not grow memory. */
    public static final int MAX_UNKNOWN_TYPES = 100;

    private static final System.Logger LOG = System.getLogger(OpenCodeEventParser.class.getName());
    private static final int REMEMBERED = 20_000;
    private static final int EXCERPT = 200;

    /** Types the server sends (or documents) that the bridge has no use for: ignored, not "unknown". */
    private static final Set<String> IGNORED = Set.of(
            "server.heartbeat", "server.instance.disposed", "global.disposed", "session.diff",
            "message.removed", "message.part.removed", "file.edited", "file.watcher.updated", "plugin.added",
            "catalog.updated", "reference.updated", "integration.updated", "integration.connection.updated",
            "models-dev.refreshed", "installation.updated", "installation.update-available", "project.updated",
            "project.directories.updated", "lsp.updated", "pty.created", "pty.updated", "pty.exited", "pty.deleted",
            "tui.prompt.append", "tui.command.execute", "tui.toast.show", "tui.session.select",
            "mcp.tools.changed", "mcp.browser.open.failed", "command.executed", "vcs.branch.updated",
            "workspace.ready", "workspace.failed", "workspace.status", "worktree.ready", "worktree.failed",
            "permission.v2.asked", "permission.v2.replied", "question.v2.asked", "question.v2.replied",
            "question.v2.rejected");

    private final Moshi moshi;
    private final int maxEventChars;
    private final Map<String, TextKind> partKinds = lru();
    private final Map<String, Boolean> userMessages = lru();
    private final Map<String, Long> unknownTypes = new TreeMap<>();
    private long received;
    private long malformed;
    private long unknown;
    private long duplicates;

    public OpenCodeEventParser(Moshi moshi) {
        this(moshi, MAX_EVENT_CHARS);
    }

    public OpenCodeEventParser(Moshi moshi, int maxEventChars) {
        this.moshi = moshi;
        this.maxEventChars = maxEventChars;
    }

    public synchronized EventStats stats() {
        return new EventStats(received, malformed, unknown, duplicates, unknownTypes);
    }

    public synchronized ParsedEvent parse(String data) {
        received++;
        if (data == null || data.isBlank()) {
            return ParsedEvent.unreadable();
        }
        if (data.length() > maxEventChars) {
            malformed++;
            LOG.log(System.Logger.Level.WARNING, "dropped an event of {0} characters (limit {1}): {2}",
                    data.length(), maxEventChars, excerpt(data));
            return ParsedEvent.unreadable();
        }
        EventHead head = EventHead.read(data);
        if (head != null && isSkipped(head.type())) {
            if (head.type().equals("sync")) {
                duplicates++;
            }
            return new ParsedEvent(head.type(), head.directory(), List.of(), head.type());
        }
        Map<String, Object> event;
        try {
            event = asMap(readObject(data));
        } catch (IOException | RuntimeException e) {
            malformed++;
            LOG.log(System.Logger.Level.WARNING, "unreadable event ({0}): {1}", excerpt(e.getMessage()), excerpt(data));
            return ParsedEvent.unreadable();
        }
        String directory = null;
        if (event.get("payload") instanceof Map<?, ?> payload) {
            // /global/event wraps each event with the directory it belongs to.
            directory = event.get("directory") instanceof String dir ? dir : null;
            event = asMap(payload);
        }
        String type = event.get("type") instanceof String t ? t : "";
        Map<String, Object> properties = asMap(event.get("properties"));
        if (!event.containsKey("properties") && event.get("data") instanceof Map<?, ?> v2Properties) {
            // The experimental v2 stream (/api/event) names the same properties "data".
            properties = asMap(v2Properties);
            if (directory == null && asMap(event.get("location")).get("directory") instanceof String dir) {
                directory = dir;
            }
        }
        try {
            long unknownBefore = unknown;
            List<SessionEvent> events = translate(type, properties);
            return new ParsedEvent(type, directory, events, unknown == unknownBefore ? type : ParsedEvent.UNKNOWN);
        } catch (RuntimeException e) {
            malformed++;
            LOG.log(System.Logger.Level.WARNING, "unreadable {0} event ({1}): {2}", excerpt(type), excerpt(e.toString()),
                    excerpt(data));
            return new ParsedEvent(type, directory, List.of(), ParsedEvent.MALFORMED);
        }
    }

    private List<SessionEvent> translate(String type, Map<String, Object> properties) {
        switch (type) {
            case ParsedEvent.CONNECTED:
                return List.of();
            case "session.created":
                return List.of(new SessionEvent.SessionCreated(session(properties)));
            case "session.updated":
                return List.of(new SessionEvent.SessionUpdated(session(properties)));
            case "session.deleted":
                return List.of(new SessionEvent.SessionDeleted(session(properties)));
            case "session.status": {
                SessionStatusEventWire wire = read(SessionStatusEventWire.class, properties);
                return List.of(new SessionEvent.SessionStatusChanged(new SessionId(wire.sessionID()),
                        WireMapping.status(wire.status())));
            }
            case "session.idle":
                return List.of(new SessionEvent.SessionIdle(sessionRef(properties)));
            case "session.compacted":
                return List.of(new SessionEvent.SessionCompacted(sessionRef(properties)));
            case "session.error":
                return sessionError(read(SessionErrorEventWire.class, properties));
            case "message.updated":
                return messageUpdated(read(MessageUpdatedEventWire.class, properties));
            case "message.part.updated":
                return partUpdated(read(PartUpdatedEventWire.class, properties));
            case "message.part.delta":
                return partDelta(read(PartDeltaEventWire.class, properties));
            case "permission.asked":
                return List.of(new SessionEvent.PermissionAsked(
                        WireMapping.permission(read(PermissionRequestWire.class, properties))));
            case "permission.replied": {
                PermissionRepliedEventWire wire = read(PermissionRepliedEventWire.class, properties);
                return List.of(new SessionEvent.PermissionReplied(new SessionId(wire.sessionID()),
                        new PermissionId(wire.requestID()), WireMapping.permissionReply(wire.reply())));
            }
            case "question.asked":
                return List.of(new SessionEvent.QuestionAsked(
                        WireMapping.question(read(QuestionRequestWire.class, properties))));
            case "question.replied": {
                QuestionAnsweredEventWire wire = read(QuestionAnsweredEventWire.class, properties);
                return List.of(new SessionEvent.QuestionReplied(new SessionId(wire.sessionID()),
                        new QuestionId(wire.requestID()), wire.answers() == null ? List.of() : wire.answers()));
            }
            case "question.rejected": {
                QuestionAnsweredEventWire wire = read(QuestionAnsweredEventWire.class, properties);
                return List.of(new SessionEvent.QuestionRejected(new SessionId(wire.sessionID()),
                        new QuestionId(wire.requestID())));
            }
            case "todo.updated": {
                TodoUpdatedEventWire wire = read(TodoUpdatedEventWire.class, properties);
                return List.of(new SessionEvent.TodoUpdated(new SessionId(wire.sessionID()),
                        wire.todos() == null ? List.of() : wire.todos().stream()
                                .filter(Objects::nonNull).map(WireMapping::todo).toList()));
            }
            case "sync":
                // The global stream repeats every durable event as a "sync" envelope.
                duplicates++;
                return List.of();
            default:
                if (!isSkipped(type)) {
                    countUnknown(type);
                }
                return List.of();
        }
    }

    /**
     * Types whose payload is never read: the ignored ones, the next-generation session events, and the global
     * stream's "sync" copy of every durable event.
     */
    private static boolean isSkipped(String type) {
        return IGNORED.contains(type) || type.startsWith("session.next.") || type.equals("sync");
    }

    private SessionInfo session(Map<String, Object> properties) {
        return WireMapping.session(read(SessionInfoEventWire.class, properties).info());
    }

    private SessionId sessionRef(Map<String, Object> properties) {
        return new SessionId(read(SessionRefEventWire.class, properties).sessionID());
    }

    private static List<SessionEvent> sessionError(SessionErrorEventWire wire) {
        if (wire.sessionID() == null || wire.error() == null) {
            // An error of no session (e.g. a config problem) has no thread to go to.
            LOG.log(System.Logger.Level.INFO, "server error without a session: {0}",
                    wire.error() == null ? "?" : excerpt(WireMapping.error(wire.error()).toString()));
            return List.of();
        }
        return List.of(new SessionEvent.SessionErrored(new SessionId(wire.sessionID()), WireMapping.error(wire.error())));
    }

    /** Every event is read whole before the parser remembers anything of it: an unreadable one leaves no trace. */
    private List<SessionEvent> messageUpdated(MessageUpdatedEventWire wire) {
        MessageInfo message = WireMapping.message(wire.info());
        if (message.role() == MessageRole.USER) {
            userMessages.put(message.id().value(), Boolean.TRUE);
        }
        return List.of(new SessionEvent.MessageUpdated(message));
    }

    private List<SessionEvent> partUpdated(PartUpdatedEventWire wire) {
        PartWire part = wire.part();
        if (WireMapping.isTool(part)) {
            return List.of(new SessionEvent.ToolUpdated(new SessionId(part.sessionID()), WireMapping.tool(part)));
        }
        Optional<TextKind> kind = WireMapping.textKind(part);
        if (kind.isEmpty()) {
            return List.of();
        }
        SessionId session = new SessionId(part.sessionID());
        MessageId message = new MessageId(part.messageID());
        PartId partId = new PartId(part.id());
        partKinds.put(part.id(), kind.get());
        if (userMessages.containsKey(part.messageID())) {
            return List.of();
        }
        boolean complete = part.time() != null && part.time().end() != null;
        List<SessionEvent> events = new ArrayList<>(2);
        if (wire.delta() != null && !wire.delta().isEmpty()) {
            events.add(new SessionEvent.TextDelta(session, message, partId, kind.get(), wire.delta()));
        }
        events.add(new SessionEvent.TextPartUpdated(session, message, partId, kind.get(),
                part.text() == null ? "" : part.text(), complete));
        return events;
    }

    private List<SessionEvent> partDelta(PartDeltaEventWire wire) {
        if (!"text".equals(wire.field()) || wire.delta() == null || wire.delta().isEmpty()
                || userMessages.containsKey(wire.messageID())) {
            return List.of();
        }
        // A part first seen as a delta (stream joined mid-part) is most likely the answer.
        TextKind kind = partKinds.getOrDefault(wire.partID(), TextKind.ANSWER);
        return List.of(new SessionEvent.TextDelta(new SessionId(wire.sessionID()), new MessageId(wire.messageID()),
                new PartId(wire.partID()), kind, wire.delta()));
    }

    private <T> T read(Class<T> type, Map<String, Object> properties) {
        JsonAdapter<T> adapter = moshi.adapter(type);
        T value;
        try {
            value = adapter.fromJsonValue(properties);
        } catch (AssertionError e) {
            if (!(e.getCause() instanceof IOException unreadable)) {
                throw e;
            }
            // Moshi reports what its reader of an already parsed tree refuses (a number given as "NaN") this way.
            throw new IllegalArgumentException(unreadable.getMessage(), unreadable);
        }
        if (value == null) {
            throw new IllegalArgumentException("no properties");
        }
        return value;
    }

    private void countUnknown(String type) {
        unknown++;
        String key = type.isEmpty() ? "(no type)" : excerpt(type);
        if (!unknownTypes.containsKey(key) && unknownTypes.size() >= MAX_UNKNOWN_TYPES - 1) {
            key = "(other types)";
        }
        Long seen = unknownTypes.merge(key, 1L, Long::sum);
        if (seen == 1) {
            LOG.log(System.Logger.Level.INFO, "ignoring unknown OpenCode event type {0}", key);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** What of a text (an event, a type, a parser's message quoting a token) goes into a log line. */
    private static String excerpt(String text) {
        if (text == null || text.length() <= EXCERPT) {
            return text;
        }
        return text.substring(0, EXCERPT) + "… (" + text.length() + " chars)";
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > REMEMBERED;
            }
        };
    }

    /** Reads one JSON object and insists that nothing but whitespace follows it. */
    private static Object readObject(String data) throws IOException {
        try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(data))) {
            Object value = reader.readJsonValue();
            if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
                throw new IOException("trailing data after the JSON value");
            }
            if (!(value instanceof Map)) {
                throw new IOException("not a JSON object");
            }
            return value;
        }
    }
}
