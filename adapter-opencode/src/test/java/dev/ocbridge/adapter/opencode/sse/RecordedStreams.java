package dev.ocbridge.adapter.opencode.sse;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.Moshi;
import dev.ocbridge.core.domain.SessionEvent;
import okio.Buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The SSE captures of a real OpenCode 1.18.33 (from the shared reference), one event's data per line. */
final class RecordedStreams {

    static final Path DIRECTORY = locate();

    private RecordedStreams() {
    }

    /** Copied from the shared reference into this module's test resources, so a fresh clone has them. */
    private static Path locate() {
        URL captures = RecordedStreams.class.getResource("/opencode-events");
        if (captures == null) {
            throw new IllegalStateException("the recorded streams are missing from the test resources");
        }
        try {
            return Path.of(captures.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the recorded streams are not a directory: " + captures, e);
        }
    }

    static List<Path> all() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path named(String prefix) {
        return all().stream()
                .filter(file -> file.getFileName().toString().startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no capture " + prefix + " in " + DIRECTORY));
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh parser's events for the whole capture, in order. */
    static Replay replay(String prefix) {
        OpenCodeEventParser parser = new OpenCodeEventParser(new Moshi.Builder().build());
        List<ParsedEvent> parsed = new ArrayList<>();
        List<Optional<Instant>> moments = new ArrayList<>();
        for (String line : lines(named(prefix))) {
            parsed.add(parser.parse(line));
            moments.add(recordedAt(line));
        }
        return new Replay(parser, parsed, moments);
    }

    /** When the server sent the event, for the events that say ({@code message.part.updated} has a time). */
    private static Optional<Instant> recordedAt(String line) {
        try {
            Map<?, ?> event = (Map<?, ?>) JsonReader.of(new Buffer().writeUtf8(line)).readJsonValue();
            Object payload = event.get("payload") instanceof Map<?, ?> wrapped ? wrapped : event;
            Object properties = ((Map<?, ?>) payload).get("properties");
            return properties instanceof Map<?, ?> map && map.get("time") instanceof Number time
                    ? Optional.of(Instant.ofEpochMilli(time.longValue())) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code moments}: when each line's event was sent, where it says. */
    record Replay(OpenCodeEventParser parser, List<ParsedEvent> parsed, List<Optional<Instant>> moments) {

        List<SessionEvent> events() {
            return parsed.stream().flatMap(event -> event.events().stream()).toList();
        }

        <T extends SessionEvent> List<T> events(Class<T> type) {
            return events().stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
