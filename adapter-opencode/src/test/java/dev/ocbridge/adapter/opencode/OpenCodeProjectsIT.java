package dev.ocbridge.adapter.opencode;

import dev.ocbridge.adapter.opencode.rest.OpenCodeHttp;
import dev.ocbridge.adapter.opencode.server.ServerAccess;
import dev.ocbridge.adapter.opencode.server.ServerLocation;
import dev.ocbridge.adapter.opencode.testing.OpenCodeTestServer;
import dev.ocbridge.adapter.opencode.testing.TcpProxy;
import dev.ocbridge.core.domain.NewSession;
import dev.ocbridge.core.domain.ProjectInfo;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.error.RejectedRequestException;
import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.testing.FakeMetricsPort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sessions and projects of every directory the server knows, against the real server. */
class OpenCodeProjectsIT {

    @TempDir
    static Path temp;

    static LiveAdapter live;
    static SessionPort sessions;

    @BeforeAll
    static void startServer() throws IOException {
        live = LiveAdapter.start(Files.createDirectories(temp.resolve("server")).toRealPath());
        sessions = live.sessions();
    }

    @AfterAll
    static void stopServer() {
        if (live != null) {
            live.close();
        }
    }

    @Test
    void theSessionsOfEveryProjectAreListedWithoutLoadingAnInstanceForEachProject() throws Exception {
        SessionInfo inFirst = sessions.createSession(new NewSession("first project", project("first")));
        SessionInfo inSecond = sessions.createSession(new NewSession("second project", project("second")));
        restartAndAwaitTheResynchronisation();
        long logBefore = Files.size(serverLog());

        List<SessionId> listed = sessions.recentRootSessions(inFirst.updatedAt(), 100).stream()
                .map(SessionInfo::id).toList();

        assertThat(listed).containsSubsequence(inSecond.id(), inFirst.id());
        String logAfter = logAfterAnInstanceIsCreatedFor(project("barrier"), logBefore);
        assertThat(logAfter).doesNotContain(creatingInstance(inFirst.directory()))
                .doesNotContain(creatingInstance(inSecond.directory()));
    }

    /**
     * After the restart the event stream reconnects and resynchronises, asking the directory-scoped routes of every
     * directory it serves, which loads their instances: that must be over, and in the log, before the listing is
     * watched, or the resynchronisation's instances are taken for the listing's.
     */
    private static void restartAndAwaitTheResynchronisation() throws Exception {
        Predicate<SessionEvent> reconnected = event -> event instanceof SessionEvent.StreamConnected connected
                && connected.reconnected();
        long before = live.events().events().stream().filter(reconnected).count();
        server().restart();
        live.events().awaitCount(reconnected, (int) before + 1, Duration.ofSeconds(60));
        logAfterAnInstanceIsCreatedFor(project("resynchronised"), 0);
    }

    /**
     * The server writes its log behind its answers: once a later request's instance shows in it, whatever the
     * requests before it did shows too.
     */
    private static String logAfterAnInstanceIsCreatedFor(String directory, long from) throws Exception {
        sessions.createSession(new NewSession("barrier", directory));
        Instant deadline = Instant.now().plusSeconds(30);
        String log = "";
        while (!log.contains(creatingInstance(directory)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            log = Files.readString(serverLog()).substring((int) from);
        }
        assertThat(log).contains(creatingInstance(directory));
        return log;
    }

    private static String creatingInstance(String directory) {
        return "creating instance\" directory=" + directory + "\n";
    }

    @Test
    void subAgentSessionsAreNoRootSessions() throws Exception {
        SessionInfo parent = sessions.createSession(new NewSession("parent", project("with-child")));
        String child = createChild(parent);

        List<String> listed = sessions.recentRootSessions(parent.updatedAt(), 100).stream()
                .map(session -> session.id().value()).toList();

        assertThat(listed).contains(parent.id().value()).doesNotContain(child);
    }

    @Test
    void pagesOfTheListAreJoinedNewestFirstWithoutRepeatsUpToTheLimit() throws Exception {
        String directory = project("paged");
        List<SessionId> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(sessions.createSession(new NewSession("paged " + i, directory)).id());
            Thread.sleep(3);
        }
        Instant since = sessions.session(created.get(0)).orElseThrow().updatedAt();
        OpenCodeHttp http = new OpenCodeHttp(ServerLocation.fixed(new ServerAccess(server().baseUrl(), null)));
        try {
            SessionPort paging = new OpenCodeSessionAdapter(http.api(), new ServedDirectories(null, () -> directory),
                    new StreamMemory(), new SentPrompts(Clock.systemUTC()), 2);

            assertThat(paging.recentRootSessions(since, 100)).extracting(SessionInfo::id)
                    .containsExactly(created.get(4), created.get(3), created.get(2), created.get(1), created.get(0));
            assertThat(paging.recentRootSessions(since, 3)).extracting(SessionInfo::id)
                    .containsExactly(created.get(4), created.get(3), created.get(2));
        } finally {
            http.close();
        }
    }

    @Test
    void aGitRepositoryTheServerHasOpenedIsAProjectAndTheCatchAllIsNot() throws Exception {
        Path repository = gitRepository("repository");
        Files.createDirectories(repository.resolve("sub"));
        sessions.createSession(new NewSession("in the repository", repository.resolve("sub").toString()));

        List<ProjectInfo> projects = sessions.projects();

        assertThat(projects).contains(ProjectInfo.of(repository.toString()));
        assertThat(projects).extracting(ProjectInfo::directory).doesNotContain("/");
    }

    @Test
    void aDirectoryTheServerCannotOpenIsRefusedWithItsReasonAndNoSessionIsCreated() throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-directory.txt"), "just a file");

        assertThatThrownBy(() -> sessions.createSession(new NewSession("in a file", file.toString())))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("HTTP 500");
        assertThat(sessions.recentRootSessions(Instant.EPOCH, 1000))
                .noneMatch(session -> session.directory().equals(file.toString()));
    }

    @Test
    void aServerWithoutTheCrossProjectListsGetsTheRootSessionsOfTheServedDirectoriesAndNoProjects() throws Exception {
        String seen = project("seen");
        Path repository = gitRepository("listed-repository");
        sessions.createSession(new NewSession("in a repository", repository.toString()));
        try (TcpProxy proxy = TcpProxy.start(server().port());
             OpenCodeConnection connection = new OpenCodeConnection(new OpenCodeSettings(proxy.uri(), null, null), new FakeMetricsPort())) {
            proxy.hideRoutes("/experimental/session", "/project");
            SessionPort older = connection.sessionPort();
            SessionInfo here = older.createSession(new NewSession("in the served directory", seen));
            SessionInfo unseen = sessions.createSession(new NewSession("never seen", project("unseen")));

            List<SessionId> listed = older.recentRootSessions(here.updatedAt(), 100).stream()
                    .map(SessionInfo::id).toList();

            assertThat(listed).contains(here.id()).doesNotContain(unseen.id());
            assertThat(older.projects()).isEmpty();
            assertThat(sessions.projects()).contains(ProjectInfo.of(repository.toString()));
            assertThat(sessions.recentRootSessions(here.updatedAt(), 100)).extracting(SessionInfo::id)
                    .contains(here.id(), unseen.id());
        }
    }

    private static OpenCodeTestServer server() {
        return live.environment().server();
    }

    private static Path serverLog() throws IOException {
        try (Stream<Path> logs = Files.list(server().home().resolve(".local/share/opencode/log"))) {
            return logs.filter(log -> log.toString().endsWith(".log")).findFirst().orElseThrow();
        }
    }

    private static String project(String name) throws IOException {
        return Files.createDirectories(temp.resolve(name)).toRealPath().toString();
    }

    /** A sub-agent session, as the task tool creates them: POST /session with a parent. Returns its id. */
    private static String createChild(SessionInfo parent) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server().baseUrl() + "/session"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("x-opencode-directory", parent.directory())
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"title\":\"Sub task\",\"parentID\":\"" + parent.id() + "\"}"))
                .build();
        // OpenCode's server never answers the HTTP/2 upgrade the JDK client tries first.
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String body = response.body();
        int start = body.indexOf("\"id\":\"") + 6;
        return body.substring(start, body.indexOf('"', start));
    }

    /** A repository with a first commit of its own, which makes it a project of its own to the server. */
    private static Path gitRepository(String name) throws Exception {
        Path repository = Path.of(project(name));
        git(repository, "init", "-q", ".");
        git(repository, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "--allow-empty",
                "-m", "first commit " + UUID.randomUUID());
        return repository;
    }

    private static void git(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        Process git = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(git.exitValue()).as(output).isZero();
    }
}
