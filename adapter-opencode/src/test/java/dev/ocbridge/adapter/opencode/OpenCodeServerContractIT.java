package dev.ocbridge.adapter.opencode;

import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.ocbridge.adapter.opencode.rest.OpenCodeApi;
import dev.ocbridge.adapter.opencode.testing.OpenCodeTestEnvironment;
import dev.ocbridge.adapter.opencode.testing.OpenCodeTestServer;
import dev.ocbridge.adapter.opencode.testing.RecordingSessionEventHandler;
import dev.ocbridge.core.domain.NewSession;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.error.UnauthorizedException;
import dev.ocbridge.core.testing.FakeMetricsPort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Query;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The adapter against what the real server declares and enforces: every route it calls exists in
 * {@code GET /doc} with the query parameters it sends, and the password protects everything without
 * ever showing up in an error.
 */
class OpenCodeServerContractIT {

    private static final String PASSWORD = "s3cret-contract-pw";

    @TempDir
    static Path temp;

    static OpenCodeTestEnvironment environment;
    static OpenCodeTestServer server;
    static String directory;
    static Map<String, Object> openApiPaths;

    @BeforeAll
    static void startServer() throws IOException, InterruptedException {
        environment = OpenCodeTestEnvironment.start(Files.createDirectories(temp.resolve("project")).toRealPath(),
                PASSWORD);
        server = environment.server();
        directory = environment.directory();
        openApiPaths = fetchOpenApiPaths();
    }

    @AfterAll
    static void stopServer() {
        if (environment != null) {
            environment.close();
        }
    }

    @Test
    void everyRouteTheAdapterCallsIsDeclaredByTheServerWithItsQueryParameters() {
        List<String> missing = new ArrayList<>();
        for (Method method : OpenCodeApi.class.getDeclaredMethods()) {
            Route route = Route.of(method);
            Map<String, Object> operation = operation(route.verb(), route.path());
            if (operation == null) {
                missing.add(route.verb() + " " + route.path());
                continue;
            }
            List<String> declared = queryParameters(operation);
            for (String query : route.queries()) {
                if (!declared.contains(query)) {
                    missing.add(route.verb() + " " + route.path() + "?" + query);
                }
            }
        }
        if (operation("get", "/" + OpenCodeEventStream.ALL_EVENTS_PATH) == null) {
            missing.add("get /" + OpenCodeEventStream.ALL_EVENTS_PATH);
        }
        Map<String, Object> directoryEvents = operation("get", "/" + OpenCodeEventStream.DIRECTORY_EVENTS_PATH);
        if (directoryEvents == null || !queryParameters(directoryEvents).contains("directory")) {
            missing.add("get /" + OpenCodeEventStream.DIRECTORY_EVENTS_PATH + "?directory");
        }

        assertThat(OpenCodeApi.class.getDeclaredMethods()).hasSizeGreaterThan(10);
        assertThat(missing).as("routes the adapter uses that the server does not declare").isEmpty();
    }

    @Test
    void theRightPasswordOpensTheApiAndTheEventStream() {
        try (OpenCodeConnection connection = new OpenCodeConnection(
                new OpenCodeSettings(server.baseUrl(), PASSWORD, directory), new FakeMetricsPort())) {
            RecordingSessionEventHandler events = new RecordingSessionEventHandler();
            connection.eventStream().start(events);

            var created = connection.sessionPort().createSession(new NewSession("secured", directory));

            assertThat(connection.sessionPort().listSessions()).extracting(s -> s.id()).contains(created.id());
            events.await(SessionEvent.StreamConnected.class, connected -> true);
        }
    }

    @Test
    void aWrongPasswordIsUnauthorizedAndNeverShown() {
        String wrong = "wrong-password-123";
        try (OpenCodeConnection connection = new OpenCodeConnection(
                new OpenCodeSettings(server.baseUrl(), wrong, directory), new FakeMetricsPort())) {

            assertThatThrownBy(() -> connection.sessionPort().listSessions())
                    .isInstanceOf(UnauthorizedException.class)
                    .hasMessageContaining("401")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(PASSWORD));
            assertThat(new OpenCodeSettings(server.baseUrl(), wrong, directory).toString()).doesNotContain(wrong);
        }
    }

    @Test
    void noPasswordIsUnauthorizedToo() {
        try (OpenCodeConnection connection = new OpenCodeConnection(
                new OpenCodeSettings(server.baseUrl(), null, directory), new FakeMetricsPort())) {

            assertThatThrownBy(connection::serverVersion).isInstanceOf(UnauthorizedException.class);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> operation(String verb, String path) {
        Object item = openApiPaths.get(path);
        return item instanceof Map<?, ?> map ? (Map<String, Object>) map.get(verb) : null;
    }

    private static List<String> queryParameters(Map<String, Object> operation) {
        List<String> names = new ArrayList<>();
        if (operation.get("parameters") instanceof List<?> parameters) {
            for (Object parameter : parameters) {
                if (parameter instanceof Map<?, ?> map && "query".equals(map.get("in"))) {
                    names.add(String.valueOf(map.get("name")));
                }
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fetchOpenApiPaths() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/doc"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("opencode:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> doc = new Moshi.Builder().build()
                .<Map<String, Object>>adapter(Types.newParameterizedType(Map.class, String.class, Object.class))
                .fromJson(response.body());
        assertThat(doc).containsKey("paths");
        return (Map<String, Object>) doc.get("paths");
    }

    /** A Retrofit method as verb, path (with a leading slash, as OpenAPI writes it) and query names. */
    private record Route(String verb, String path, List<String> queries) {

        static Route of(Method method) {
            String verb = null;
            String path = null;
            for (Annotation annotation : method.getAnnotations()) {
                if (annotation instanceof GET get) {
                    verb = "get";
                    path = get.value();
                } else if (annotation instanceof POST post) {
                    verb = "post";
                    path = post.value();
                } else if (annotation instanceof DELETE delete) {
                    verb = "delete";
                    path = delete.value();
                }
            }
            if (verb == null) {
                throw new AssertionError(method + " has no HTTP verb");
            }
            List<String> queries = new ArrayList<>();
            for (Parameter parameter : method.getParameters()) {
                Query query = parameter.getAnnotation(Query.class);
                if (query != null) {
                    queries.add(query.value());
                }
            }
            return new Route(verb, "/" + path, queries);
        }
    }
}
