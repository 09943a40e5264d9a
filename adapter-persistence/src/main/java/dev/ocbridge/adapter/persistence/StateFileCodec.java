package dev.ocbridge.adapter.persistence;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.MappingStatus;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.RequestKey;
import dev.ocbridge.core.domain.RequestKind;
import dev.ocbridge.core.domain.RequestPost;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.ThreadRef;
import dev.ocbridge.core.domain.UserId;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns the state document into domain values and back. Knows the JSON; knows nothing of files. */
final class StateFileCodec {
    private static final Set<String> KNOWN_SECTIONS = Set.of("version", "lastModified", "mappings",
            "channelCursors", "requestPosts");
    private static final int MAX_REASON = 200;

    private final JsonAdapter<Object> anyJson;
    private final JsonAdapter<StateWire.Document> document;

    StateFileCodec() {
        Moshi moshi = new Moshi.Builder().build();
        anyJson = moshi.adapter(Object.class).indent("  ");
        document = moshi.adapter(StateWire.Document.class);
    }

    /** What reading a document gave. */
    sealed interface Reading permits Readable, Unreadable, TooNew {
    }

    /** The state, and a description of each entry that had to be left out because it was invalid. */
    record Readable(StoredState state, List<String> skippedEntries) implements Reading {
        Readable {
            skippedEntries = List.copyOf(skippedEntries);
        }
    }

    /** Not JSON, or not the shape of a state document. */
    record Unreadable(String reason) implements Reading {
    }

    /** Written by a newer bridge in a format this one does not know. */
    record TooNew(long version) implements Reading {
    }

    Reading decode(byte[] content) {
        Object json;
        try {
            json = anyJson.fromJson(new String(content, StandardCharsets.UTF_8));
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
        StateWire.Document wire;
        try {
            wire = document.fromJsonValue(root);
        } catch (JsonDataException e) {
            return new Unreadable("not a state document: " + shortened(e.getMessage()));
        }
        return toDomain(wire, otherSections(root));
    }

    byte[] encode(StoredState state, Instant now) {
        List<StateWire.Mapping> mappings = state.mappings().stream().map(StateFileCodec::toWire).toList();
        List<StateWire.Cursor> cursors = state.cursors().entrySet().stream()
                .map(entry -> new StateWire.Cursor(entry.getKey().value(), entry.getValue().lastPostId().value(),
                        entry.getValue().lastPostAt().toString()))
                .sorted((a, b) -> a.channelId().compareTo(b.channelId()))
                .toList();
        List<StateWire.RequestPostEntry> requestPosts = state.requestPosts().stream()
                .map(StateFileCodec::toWire).toList();
        StateWire.Document wire = new StateWire.Document(StateWire.VERSION, now.toString(), mappings, cursors,
                requestPosts.isEmpty() ? null : requestPosts);
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

    private static Reading toDomain(StateWire.Document wire, Map<String, Object> otherSections) {
        List<String> skipped = new ArrayList<>();
        // A session listed twice (edited by hand) keeps its last entry, so that one mapping per session holds.
        Map<SessionId, ThreadMapping> mappings = new LinkedHashMap<>();
        List<StateWire.Mapping> wireMappings = wire.mappings() == null ? List.of() : wire.mappings();
        for (int i = 0; i < wireMappings.size(); i++) {
            try {
                ThreadMapping mapping = toDomain(wireMappings.get(i));
                mappings.put(mapping.sessionId(), mapping);
            } catch (RuntimeException e) {
                skipped.add("mappings[" + i + "]: " + shortened(e.getMessage()));
            }
        }
        Map<ChannelId, ChannelCursor> cursors = new LinkedHashMap<>();
        List<StateWire.Cursor> wireCursors = wire.channelCursors() == null ? List.of() : wire.channelCursors();
        for (int i = 0; i < wireCursors.size(); i++) {
            try {
                StateWire.Cursor cursor = required(wireCursors.get(i), "entry");
                cursors.put(new ChannelId(cursor.channelId()),
                        new ChannelCursor(new PostId(cursor.lastPostId()), instant(cursor.lastPostAt(), "lastPostAt")));
            } catch (RuntimeException e) {
                skipped.add("channelCursors[" + i + "]: " + shortened(e.getMessage()));
            }
        }
        Map<RequestKey, RequestPost> requestPosts = new LinkedHashMap<>();
        List<StateWire.RequestPostEntry> wireRequests = wire.requestPosts() == null ? List.of() : wire.requestPosts();
        for (int i = 0; i < wireRequests.size(); i++) {
            try {
                RequestPost post = toDomain(wireRequests.get(i));
                requestPosts.put(post.key(), post);
            } catch (RuntimeException e) {
                skipped.add("requestPosts[" + i + "]: " + shortened(e.getMessage()));
            }
        }
        return new Readable(new StoredState(List.copyOf(mappings.values()), cursors,
                List.copyOf(requestPosts.values()), otherSections), skipped);
    }

    private static RequestPost toDomain(StateWire.RequestPostEntry wire) {
        required(wire, "entry");
        List<List<String>> answers = wire.answersSoFar() == null ? List.of() : wire.answersSoFar();
        if (answers.stream().anyMatch(answer -> answer == null || answer.contains(null))) {
            throw new IllegalArgumentException("answersSoFar holds an empty entry");
        }
        return new RequestPost(new RequestKey(kind(wire.kind()), wire.requestId()), new SessionId(wire.sessionId()),
                new ThreadRef(new ChannelId(wire.dmChannelId()), new PostId(wire.threadRootPostId())),
                new PostId(wire.postId()), answers, instant(wire.answeredUpTo(), "answeredUpTo"));
    }

    private static StateWire.RequestPostEntry toWire(RequestPost post) {
        return new StateWire.RequestPostEntry(post.key().kind().name().toLowerCase(Locale.ROOT), post.key().id(),
                post.sessionId().value(), post.thread().channel().value(), post.thread().root().value(),
                post.postId().value(), post.answersSoFar().isEmpty() ? null : post.answersSoFar(),
                post.answeredUpTo().toString());
    }

    private static RequestKind kind(String kind) {
        switch (required(kind, "kind").toLowerCase(Locale.ROOT)) {
            case "permission":
                return RequestKind.PERMISSION;
            case "question":
                return RequestKind.QUESTION;
            default:
                throw new IllegalArgumentException("unknown kind \"" + kind + "\"");
        }
    }

    /** Throws an unchecked exception with a message naming the field when the entry is invalid. */
    private static ThreadMapping toDomain(StateWire.Mapping wire) {
        required(wire, "entry");
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
