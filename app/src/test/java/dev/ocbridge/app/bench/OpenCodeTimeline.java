package dev.ocbridge.app.bench;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When (by System.nanoTime) OpenCode accepted each session's prompt and finished its answer, as its own event
 * stream ({@code GET /global/event}) tells any client: a prompt is accepted when the server announces the user
 * message ({@code message.updated} with role {@code user}), an answer is finished when the assistant message is
 * announced completed with finish reason {@code stop}. Only those events are parsed; the many text deltas are
 * skipped by a substring test.
 */
final class OpenCodeTimeline implements AutoCloseable {
    private static final String MESSAGE_UPDATED = "\"type\":\"message.updated\"";

    private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> finishedAt = new ConcurrentHashMap<>();
    private final CountDownLatch connected = new CountDownLatch(1);
    private final JsonAdapter<Map<String, Object>> json = new Moshi.Builder().build()
            .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
    private final Thread reader;
    private final AtomicInteger unreadable = new AtomicInteger();
    private volatile InputStream stream;
    private volatile boolean closed;
    private volatile RuntimeException failure;

    private OpenCodeTimeline(HttpRequest request) {
        this.reader = new Thread(() -> read(request), "bench-opencode-events");
        this.reader.setDaemon(true);
    }

    /** Subscribes to the server's events and returns once the server has said it is connected. */
    static OpenCodeTimeline listen(URI baseUrl, Optional<String> password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve("/global/event"))
                .header("Accept", "text/event-stream");
        password.ifPresent(value -> request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(("opencode:" + value).getBytes(StandardCharsets.UTF_8))));
        OpenCodeTimeline timeline = new OpenCodeTimeline(request.build());
        timeline.reader.start();
        try {
            if (!timeline.connected.await(30, TimeUnit.SECONDS)) {
                timeline.close();
                throw new IllegalStateException("OpenCode's event stream did not connect within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to OpenCode's events", e);
        }
        return timeline;
    }

    /** Why the stream stopped before it was closed, if it did: nothing more will be timed. */
    Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    /** {@code message.updated} events that could not be parsed. */
    int unreadableEvents() {
        return unreadable.get();
    }

    Optional<Long> acceptedAt(String sessionId) {
        return Optional.ofNullable(acceptedAt.get(sessionId));
    }

    Optional<Long> finishedAt(String sessionId) {
        return Optional.ofNullable(finishedAt.get(sessionId));
    }

    private void read(HttpRequest request) {
        // OpenCode's server never answers the HTTP/2 upgrade the JDK client tries first.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            stream = response.body();
            if (response.statusCode() != 200) {
                failure = new IllegalStateException("GET /global/event answered " + response.statusCode());
                return;
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    long now = System.nanoTime();
                    connected.countDown();
                    if (line.startsWith("data:") && line.contains(MESSAGE_UPDATED)) {
                        messageUpdated(line.substring("data:".length()).trim(), now);
                    }
                }
            }
            if (!closed) {
                failure = new IllegalStateException("OpenCode's event stream ended");
            }
        } catch (IOException e) {
            if (!closed) {
                failure = new UncheckedIOException("OpenCode's event stream broke off", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void messageUpdated(String data, long now) {
        Map<String, Object> event;
        try {
            event = json.fromJson(data);
        } catch (IOException | RuntimeException malformed) {
            unreadable.incrementAndGet();
            return;
        }
        Map<String, Object> info = map(map(map(map(event).get("payload")).get("properties")).get("info"));
        if (!(info.get("sessionID") instanceof String session)) {
            return;
        }
        if ("user".equals(info.get("role"))) {
            acceptedAt.putIfAbsent(session, now);
        } else if ("assistant".equals(info.get("role")) && "stop".equals(info.get("finish"))
                && map(info.get("time")).get("completed") != null) {
            finishedAt.putIfAbsent(session, now);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> found ? (Map<String, Object>) found : Map.of();
    }

    @Override
    public void close() {
        closed = true;
        InputStream open = stream;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // Closing is all that is asked of it.
            }
        }
        reader.interrupt();
    }
}
