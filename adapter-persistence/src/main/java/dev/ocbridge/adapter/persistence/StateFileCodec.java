package dev.ocbridge.adapter.persistence;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.DeliveredAnswer;
import dev.ocbridge.core.domain.MappingStatus;
import dev.ocbridge.core.domain.ModelRef;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.PromptChoices;
import dev.ocbridge.core.domain.RequestKey;
import dev.ocbridge.core.domain.RequestKind;
import dev.ocbridge.core.domain.RequestPost;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Turns the state document into domain values and back. Knows the JSON; knows nothing of files. */
final class StateFileCodec {
    private static final Set<String> KNOWN_SECTIONS = Set.of("version", "lastModified", "mappings",
            "channelCursors", "promptChoices", "requestPosts", "deliveredAnswers");
    private static final int MAX_REASON = 200;

    private final JsonAdapter<Object> anyJson;
    private final JsonAdapter<Object> compactJson;
    private final JsonAdapter<StateWire.Document> document;
    private final JsonAdapter<StateWire.Mapping> mapping;
    private final JsonAdapter<StateWire.Cursor> cursor;
    private final JsonAdapter<StateWire.SessionChoice> sessionChoice;
    private final JsonAdapter<StateWire.MainDmChoice> mainDmChoice;
    private final JsonAdapter<StateWire.RequestPostEntry> requestPost;
    private final JsonAdapter<StateWire.Answer> answer;

    StateFileCodec() {
        Moshi moshi = new Moshi.Builder().build();
        // Nulls inside the sections of a newer bridge are written back as they were read.
        anyJson = moshi.adapter(Object.class).serializeNulls().indent("  ");
        compactJson = moshi.adapter(Object.class).serializeNulls();
        document = moshi.adapter(StateWire.Document.class);
        mapping = moshi.adapter(StateWire.Mapping.class);
        cursor = moshi.adapter(StateWire.Cursor.class);
        sessionChoice = moshi.adapter(StateWire.SessionChoice.class);
        mainDmChoice = moshi.adapter(StateWire.MainDmChoice.class);
        requestPost = moshi.adapter(StateWire.RequestPostEntry.class);
        answer = moshi.adapter(StateWire.Answer.class);
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
                .map(entry -> new StateWire.Cursor(entry.getKey().value(), lastPostId(entry.getValue()),
                        entry.getValue().lastPostAt().toString(), handledAfter(entry.getValue())))
                .sorted((a, b) -> a.channelId().compareTo(b.channelId()))
                .toList();
        List<StateWire.RequestPostEntry> requestPosts = state.requestPosts().stream()
                .map(StateFileCodec::toWire).toList();
        List<StateWire.Answer> answers = state.deliveredAnswers().values().stream()
                .sorted(Comparator.comparing(delivered -> delivered.session().value()))
                .map(StateFileCodec::toWire).toList();
        StateWire.Document wire = new StateWire.Document(StateWire.VERSION, now.toString(), mappings, cursors,
                choicesToWire(state), requestPosts.isEmpty() ? null : requestPosts, answers.isEmpty() ? null : answers);
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
        for (ThreadMapping entry : entries(root.get("mappings"), "mappings", mapping, StateFileCodec::toDomain,
                skipped)) {
            mappings.put(entry.sessionId(), entry);
        }
        Map<ChannelId, ChannelCursor> cursors = new LinkedHashMap<>();
        for (Map.Entry<ChannelId, ChannelCursor> entry : entries(root.get("channelCursors"), "channelCursors",
                cursor, StateFileCodec::toDomain, skipped)) {
            cursors.put(entry.getKey(), entry.getValue());
        }
        Map<SessionId, PromptChoices> sessionChoices = new LinkedHashMap<>();
        Map<UserId, PromptChoices> mainDmChoices = new LinkedHashMap<>();
        Object choices = root.get("promptChoices");
        if (choices instanceof Map<?, ?> section) {
            entries(section.get("sessions"), "promptChoices.sessions", sessionChoice, wire -> Map.entry(
                    new SessionId(wire.sessionId()), choices(wire.model(), wire.agent())), skipped)
                    .stream().filter(entry -> !entry.getValue().isEmpty())
                    .forEach(entry -> sessionChoices.put(entry.getKey(), entry.getValue()));
            entries(section.get("mainDm"), "promptChoices.mainDm", mainDmChoice, wire -> Map.entry(
                    new UserId(wire.mattermostUserId()), choices(wire.model(), wire.agent())), skipped)
                    .stream().filter(entry -> !entry.getValue().isEmpty())
                    .forEach(entry -> mainDmChoices.put(entry.getKey(), entry.getValue()));
        } else if (choices != null) {
            skipped.add("promptChoices: not an object");
        }
        // A request listed twice keeps its last entry, as a session does.
        Map<RequestKey, RequestPost> requestPosts = new LinkedHashMap<>();
        for (RequestPost entry : entries(root.get("requestPosts"), "requestPosts", requestPost,
                StateFileCodec::toDomain, skipped)) {
            requestPosts.put(entry.key(), entry);
        }
        Map<SessionId, DeliveredAnswer> answers = new LinkedHashMap<>();
        for (DeliveredAnswer entry : entries(root.get("deliveredAnswers"), "deliveredAnswers", answer,
                StateFileCodec::toDomain, skipped)) {
            answers.put(entry.session(), entry);
        }
        return new Readable(new StoredState(List.copyOf(mappings.values()), cursors, otherSections(root),
                sessionChoices, mainDmChoices, List.copyOf(requestPosts.values()), answers), skipped);
    }

    /**
     * The entries of a list section, each read on its own, so that one invalid entry (not an object, a member
     * missing or of the wrong type) is described in {@code skipped} and left out while the others load. A section
     * that is not a list is described and left out whole.
     */
    private <W, D> List<D> entries(Object value, String section, JsonAdapter<W> adapter, Function<W, D> toDomain,
                                   List<String> skipped) {
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

    private static PromptChoices choices(StateWire.Model model, String agent) {
        return new PromptChoices(model == null ? null : new ModelRef(model.providerId(), model.modelId()), agent);
    }

    private static StateWire.Choices choicesToWire(StoredState state) {
        if (state.sessionChoices().isEmpty() && state.mainDmChoices().isEmpty()) {
            return null;
        }
        List<StateWire.SessionChoice> sessions = state.sessionChoices().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(SessionId::value)))
                .map(entry -> new StateWire.SessionChoice(entry.getKey().value(), modelToWire(entry.getValue()),
                        entry.getValue().agent()))
                .toList();
        List<StateWire.MainDmChoice> mainDm = state.mainDmChoices().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(UserId::value)))
                .map(entry -> new StateWire.MainDmChoice(entry.getKey().value(), modelToWire(entry.getValue()),
                        entry.getValue().agent()))
                .toList();
        return new StateWire.Choices(sessions, mainDm);
    }

    private static StateWire.Model modelToWire(PromptChoices choices) {
        return choices.chosenModel().map(model -> new StateWire.Model(model.providerId(), model.modelId()))
                .orElse(null);
    }

    private static Map.Entry<ChannelId, ChannelCursor> toDomain(StateWire.Cursor wire) {
        Map<PostId, Instant> handledAfter = new LinkedHashMap<>();
        if (wire.handledAfter() != null) {
            for (StateWire.HandledPost handled : wire.handledAfter()) {
                handledAfter.put(new PostId(handled.postId()), instant(handled.createdAt(), "createdAt"));
            }
        }
        return Map.entry(new ChannelId(wire.channelId()), new ChannelCursor(
                wire.lastPostId() == null ? null : new PostId(wire.lastPostId()),
                instant(wire.lastPostAt(), "lastPostAt"), handledAfter));
    }

    /** Absent for a cursor {@link ChannelCursor#startingAt} a time. */
    private static String lastPostId(ChannelCursor cursor) {
        return cursor.lastPostId() == null ? null : cursor.lastPostId().value();
    }

    /** Sorted, so that the file does not change when the set does not; absent when empty. */
    private static List<StateWire.HandledPost> handledAfter(ChannelCursor cursor) {
        return cursor.handledAfter().isEmpty() ? null : cursor.handledAfter().entrySet().stream()
                .map(entry -> new StateWire.HandledPost(entry.getKey().value(), entry.getValue().toString()))
                .sorted(Comparator.comparing(StateWire.HandledPost::postId))
                .toList();
    }

    private static RequestPost toDomain(StateWire.RequestPostEntry wire) {
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

    private static DeliveredAnswer toDomain(StateWire.Answer wire) {
        Map<PartId, Integer> parts = new LinkedHashMap<>();
        for (StateWire.AnswerPart part : required(wire.parts(), "parts")) {
            required(part, "part");
            parts.put(new PartId(part.partId()), required(part.delivered(), "delivered"));
        }
        return new DeliveredAnswer(new SessionId(wire.sessionId()), parts,
                wire.workingPostId() == null ? null : new PostId(wire.workingPostId()), wire.workingLine());
    }

    /** Parts sorted, so that the file does not change when the record does not. */
    private static StateWire.Answer toWire(DeliveredAnswer answer) {
        return new StateWire.Answer(answer.session().value(), answer.parts().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(PartId::value)))
                .map(entry -> new StateWire.AnswerPart(entry.getKey().value(), entry.getValue()))
                .toList(), answer.workingPostShown().map(PostId::value).orElse(null), answer.workingLine());
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
