package dev.ocbridge.adapter.persistence;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.MappingStatus;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.ThreadRef;
import dev.ocbridge.core.domain.UserId;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Turns the state document into domain values and back. Knows the JSON; knows nothing of files. */
final class StateFileCodec {
    private static final Set<String> KNOWN_SECTIONS = Set.of("version", "lastModified", "mappings",
            "channelCursors");
    private static final int MAX_REASON = 200;

    private final JsonAdapter<Object> anyJson;
    private final JsonAdapter<Object> compactJson;
    private final JsonAdapter<StateWire.Document> document;
    private final JsonAdapter<StateWire.Mapping> mapping;
    private final JsonAdapter<StateWire.Cursor> cursor;

    StateFileCodec() {
        Moshi moshi = new Moshi.Builder().build();
        // Nulls inside the sections of a newer bridge are written back as they were read.
        anyJson = moshi.adapter(Object.class).serializeNulls().indent("  ");
        compactJson = moshi.adapter(Object.class).serializeNulls();
        document = moshi.adapter(StateWire.Document.class);
        mapping = moshi.adapter(StateWire.Mapping.class);
        cursor = moshi.adapter(StateWire.Cursor.class);
    }

    /** What reading a document gave. */
    sealed interface Reading permits Readable, Unreadable, TooNew {
    }

    /** The state, and a description of each entry (or section) that had to be left out because it was invalid. */
    record Readable(StoredState state, List<String> skippedEntries) implements Reading {
        Readable {
            skippedEntries = List.copyOf(skippedEntries);
        }
    }

    /** Not UTF-8, not JSON, not a JSON object, or without a valid version. */
    record Unreadable(String reason) implements Reading {
    }

    /** Written by a newer bridge in a format this one does not know. */
    record TooNew(long version) implements Reading {
    }

    Reading decode(byte[] content) {
        // Bytes that are not UTF-8 are damage as much as a broken bracket: read around them (as replacement
        // characters), the file would lose them silently at the next write.
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer bytes = ByteBuffer.wrap(content);
        CharBuffer text = CharBuffer.allocate(content.length);
        if (utf8.decode(bytes, text, true).isError() || utf8.flush(text).isError()) {
            return new Unreadable("not valid UTF-8 at byte " + bytes.position());
        }
        Object json;
        try {
            json = anyJson.fromJson(text.flip().toString());
        } catch (IOException | JsonDataException e) {
            return new Unreadable("not valid JSON: " + shortened(e.getMessage()));
        }
        if (!(json instanceof Map<?, ?> root)) {
            return new Unreadable("not a JSON object");
        }
        Object version = root.get("version");
        if (!(version instanceof Double number) || number < 1 || number != Math.rint(number)) {
            return new Unreadable("no valid \"version\" member");
        }
        if (number > StateWire.VERSION) {
            return new TooNew(number.longValue());
        }
        return toDomain(root);
    }

    byte[] encode(StoredState state, Instant now) {
        List<StateWire.Mapping> mappings = state.mappings().stream().map(StateFileCodec::toWire).toList();
        List<StateWire.Cursor> cursors = state.cursors().entrySet().stream()
                .map(entry -> new StateWire.Cursor(entry.getKey().value(), entry.getValue().lastPostId().value(),
                        entry.getValue().lastPostAt().toString()))
                .sorted((a, b) -> a.channelId().compareTo(b.channelId()))
                .toList();
        StateWire.Document wire = new StateWire.Document(StateWire.VERSION, now.toString(), mappings, cursors);
        @SuppressWarnings("unchecked")
        Map<String, Object> root = new LinkedHashMap<>((Map<String, Object>) document.toJsonValue(wire));
        state.otherSections().forEach(root::putIfAbsent);
        return (anyJson.toJson(root) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> otherSections(Map<?, ?> root) {
        Map<String, Object> others = new LinkedHashMap<>();
        root.forEach((name, value) -> {
            if (!KNOWN_SECTIONS.contains((String) name) && value != null) {
                others.put((String) name, value);
            }
        });
        return others;
    }

    private Reading toDomain(Map<?, ?> root) {
        List<String> skipped = new ArrayList<>();
        // A session listed twice (edited by hand) keeps its last entry, so that one mapping per session holds.
        Map<SessionId, ThreadMapping> mappings = new LinkedHashMap<>();
        for (ThreadMapping entry : entries(root, "mappings", mapping, StateFileCodec::toDomain, skipped)) {
            mappings.put(entry.sessionId(), entry);
        }
        Map<ChannelId, ChannelCursor> cursors = new LinkedHashMap<>();
        for (Map.Entry<ChannelId, ChannelCursor> entry : entries(root, "channelCursors", cursor,
                StateFileCodec::toDomain, skipped)) {
            cursors.put(entry.getKey(), entry.getValue());
        }
        return new Readable(new StoredState(List.copyOf(mappings.values()), cursors, otherSections(root)), skipped);
    }

    /**
     * The entries of a list section, each read on its own, so that one invalid entry (not an object, a member
     * missing or of the wrong type) is described in {@code skipped} and left out while the others load. A section
     * that is not a list is described and left out whole.
     */
    private <W, D> List<D> entries(Map<?, ?> root, String section, JsonAdapter<W> adapter, Function<W, D> toDomain,
                                   List<String> skipped) {
        Object value = root.get(section);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            skipped.add(section + ": not a list of entries");
            return List.of();
        }
        List<D> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                // Read from its JSON text like the file itself: Moshi's reader of parsed trees is laxer
                // (it reads 1.5 as 1) and fails differently (ArithmeticException, AssertionError).
                entries.add(toDomain.apply(required(adapter.fromJson(compactJson.toJson(list.get(i))), "entry")));
            } catch (IOException | RuntimeException e) {
                skipped.add(section + "[" + i + "]: " + shortened(e.getMessage()));
            }
        }
        return entries;
    }

    private static Map.Entry<ChannelId, ChannelCursor> toDomain(StateWire.Cursor wire) {
        return Map.entry(new ChannelId(wire.channelId()),
                new ChannelCursor(new PostId(wire.lastPostId()), instant(wire.lastPostAt(), "lastPostAt")));
    }

    /** Throws an unchecked exception with a message naming the field when the entry is invalid. */
    private static ThreadMapping toDomain(StateWire.Mapping wire) {
        return new ThreadMapping(new SessionId(wire.sessionId()),
                new ThreadRef(new ChannelId(wire.dmChannelId()), new PostId(wire.threadRootPostId())),
                wire.shortId(), new UserId(wire.mattermostUserId()), wire.projectName(), wire.directory(),
                wire.sessionTitle(), status(wire.status()), instant(wire.createdAt(), "createdAt"),
                optionalInstant(wire.lastActivityAt(), "lastActivityAt"),
                optionalInstant(wire.endedAt(), "endedAt"));
    }

    private static StateWire.Mapping toWire(ThreadMapping mapping) {
        return new StateWire.Mapping(mapping.sessionId().value(), mapping.thread().root().value(),
                mapping.shortId(), mapping.userId().value(), mapping.thread().channel().value(),
                mapping.projectName(), mapping.directory(), mapping.sessionTitle(),
                mapping.status().name().toLowerCase(Locale.ROOT), mapping.createdAt().toString(),
                mapping.lastActivityAt().toString(), mapping.ended().map(Instant::toString).orElse(null));
    }

    /**
     * Our two states, plus the two more of the plugin whose file we can take over: "disconnected" may
     * reconnect, "orphaned" lost its session.
     */
    private static MappingStatus status(String status) {
        switch (required(status, "status").toLowerCase(Locale.ROOT)) {
            case "active":
            case "disconnected":
                return MappingStatus.ACTIVE;
            case "ended":
            case "orphaned":
                return MappingStatus.ENDED;
            default:
                throw new IllegalArgumentException("unknown status \"" + status + "\"");
        }
    }

    private static Instant instant(String text, String field) {
        return optionalInstant(required(text, field), field);
    }

    private static Instant optionalInstant(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not an ISO-8601 time", e);
        }
    }

    /** Moshi quotes the offending value in its messages; a long one would flood the log and the notice. */
    private static String shortened(String message) {
        return message == null || message.length() <= MAX_REASON ? message : message.substring(0, MAX_REASON) + "...";
    }

    private static <T> T required(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return value;
    }
}
