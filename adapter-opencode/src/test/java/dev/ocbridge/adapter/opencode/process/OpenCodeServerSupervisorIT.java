package dev.ocbridge.adapter.opencode.process;

import dev.ocbridge.adapter.opencode.OpenCodeConnection;
import dev.ocbridge.adapter.opencode.OpenCodeSettings;
import dev.ocbridge.adapter.opencode.server.ServerAccess;
import dev.ocbridge.adapter.opencode.testing.FakeLlm;
import dev.ocbridge.adapter.opencode.testing.OpenCodeInstallation;
import dev.ocbridge.adapter.opencode.testing.OpenCodeTestHome;
import dev.ocbridge.core.domain.NewSession;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.error.UnavailableException;
import dev.ocbridge.core.testing.FakeMetricsPort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The supervisor running the real {@code opencode serve}: a secured loopback server on a port of its own choosing,
 * with the environment it was given; restarts on a new port and password; stops with its tools; and stops what a
 * bridge that died left behind, but nobody else's process.
 */
class OpenCodeServerSupervisorIT {

    @TempDir
    static Path temp;

    static FakeLlm llm;
    static OpenCodeInstallation installation;
    static Path project;

    OpenCodeTestHome home;
    OpenCodeServerSupervisor supervisor;
    final Bystanders bystanders = new Bystanders();

    @BeforeAll
    static void install() throws IOException {
        llm = FakeLlm.start();
        installation = OpenCodeInstallation.fromSystemProperties();
        installation.binary();
        project = Files.createDirectories(temp.resolve("project")).toRealPath();
    }

    @AfterAll
    static void stopLlm() {
        llm.close();
    }

    @AfterEach
    void stopSupervisor() {
        if (supervisor != null) {
            supervisor.stop();
        }
        if (home != null) {
            home.close();
        }
        bystanders.close();
    }

    @Test
    void startsALoopbackServerThatWantsARandomPasswordAndServesTheProject() throws Exception {
        supervisor = supervised(settings(null));

        URI url = supervisor.start();

        assertThat(url.getHost()).isEqualTo("127.0.0.1");
        ServerAccess access = supervisor.current().orElseThrow();
        assertThat(access.baseUrl()).isEqualTo(url);
        assertThat(access.password()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(statusWithout(url)).as("a request without credentials").isEqualTo(401);
        try (OpenCodeConnection connection = new OpenCodeConnection(new OpenCodeSettings(supervisor,
                project.toString()), new FakeMetricsPort())) {
            assertThat(connection.serverVersion()).isEqualTo(installation.version());
            SessionInfo session = connection.sessionPort().createSession(new NewSession("supervised", project.toString()));
            assertThat(session.directory()).isEqualTo(project.toString());
        }
    }

    @Test
    void theServerStartsWithTheEnvironmentItWasGivenAndThePasswordTheOperatorSet() throws Exception {
        Map<String, String> given = new HashMap<>(baseEnvironment());
        given.put("OPENCODE_SERVER_USERNAME", "someone");
        supervisor = supervised(OpenCodeProcessSettings.of(installation.binary().toString(), project, "operator-pw",
                given).withCheckInterval(Duration.ofSeconds(1)));

        URI url = supervisor.start();

        Map<String, String> seen = environmentOf(supervisor.pid());
        Set<String> shellsOwn = Set.of("PWD", "OLDPWD", "SHLVL", "_");
        Set<String> unexpected = seen.keySet().stream()
                .filter(name -> !given.containsKey(name) && !shellsOwn.contains(name))
                .collect(Collectors.toSet());
        assertThat(unexpected).containsExactlyInAnyOrder("OPENCODE_SERVER_PASSWORD", ServerProcesses.MARK_VARIABLE);
        assertThat(seen).as("a username would lock the bridge out").doesNotContainKey("OPENCODE_SERVER_USERNAME")
                .containsEntry("OPENCODE_SERVER_PASSWORD", "operator-pw")
                .containsEntry("HOME", home.path().toString());
        assertThat(supervisor.current().orElseThrow().password()).isEqualTo("operator-pw");
        assertThat(statusWith(url, "operator-pw")).isEqualTo(200);
        assertThat(statusWith(url, "guess")).isEqualTo(401);
    }

    @Test
    void aDeadServerIsRestartedOnANewPortWithANewPasswordAndClientsFollowIt() {
        supervisor = supervised(settings(null));
        supervisor.start();
        ServerAccess first = supervisor.current().orElseThrow();
        long firstPid = supervisor.pid();
        try (OpenCodeConnection connection = new OpenCodeConnection(new OpenCodeSettings(supervisor,
                project.toString()), new FakeMetricsPort())) {

            ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();

            awaitTrue(() -> supervisor.starts() == 2 && supervisor.current().isPresent());
            ServerAccess second = supervisor.current().orElseThrow();
            assertThat(second.baseUrl().getPort()).isNotEqualTo(first.baseUrl().getPort());
            assertThat(second.password()).isNotEqualTo(first.password());
            assertThat(supervisor.pid()).isNotEqualTo(firstPid);
            assertThat(connection.serverVersion()).isEqualTo(installation.version());
        }
    }

    @Test
    void aServerThatStopsAnsweringIsReplaced() throws Exception {
        supervisor = supervised(settings(null));
        supervisor.start();
        long first = supervisor.pid();

        Process freeze = new ProcessBuilder("kill", "-STOP", Long.toString(first)).start();
        assertThat(freeze.waitFor()).isZero();

        awaitTrue(() -> supervisor.starts() == 2 && supervisor.current().isPresent());
        assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void stopEndsTheServerAndEverythingItStartedAndForgetsIt() throws Exception {
        Path pidFile = temp.resolve("stop.pid");
        supervisor = supervised(settings(null).withPidFile(pidFile));
        URI url = supervisor.start();
        ProcessHandle server = ProcessHandle.of(supervisor.pid()).orElseThrow();
        List<ProcessHandle> started = server.descendants().toList();
        assertThat(Files.readString(pidFile)).contains("pid=" + server.pid());

        supervisor.stop();

        assertThat(server.isAlive()).isFalse();
        assertThat(started).as("what the server started, its pipe reader included").isNotEmpty()
                .noneMatch(ProcessHandle::isAlive);
        assertThat(supervisor.current()).isEmpty();
        assertThat(statusWithout(url)).as("nothing answers on the old port").isEqualTo(-1);
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void aServerABridgeBeforeLeftRunningIsStoppedBeforeTheNextOneStarts() throws Exception {
        Path pidFile = temp.resolve("left-behind.pid");
        Process leftBehind = bystanders.start(Map.of(ServerProcesses.MARK_VARIABLE, "mark-of-the-old-one"));
        new PidFile(pidFile).write(new RecordedServer(leftBehind.pid(),
                ServerProcesses.startOf(leftBehind.toHandle()), "mark-of-the-old-one"));
        supervisor = supervised(settings(null).withPidFile(pidFile));

        supervisor.start();

        assertThat(leftBehind.isAlive()).isFalse();
        assertThat(Files.readString(pidFile)).contains("pid=" + supervisor.pid());
    }

    @Test
    void aMissingBinaryIsAClearError() {
        supervisor = new OpenCodeServerSupervisor(OpenCodeProcessSettings.of(
                temp.resolve("no-such-opencode").toString(), project, null, baseEnvironment()));

        assertThatThrownBy(supervisor::start)
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("no-such-opencode");
    }

    private OpenCodeServerSupervisor supervised(OpenCodeProcessSettings settings) {
        return new OpenCodeServerSupervisor(settings);
    }

    private OpenCodeProcessSettings settings(String password) {
        return OpenCodeProcessSettings.of(installation.binary().toString(), project, password, baseEnvironment())
                .withCheckInterval(Duration.ofSeconds(1));
    }

    /** This JVM's environment made into a test server's: its own HOME, nothing reaching around it. */
    private Map<String, String> baseEnvironment() {
        if (home == null) {
            home = OpenCodeTestHome.acquire(installation, llm);
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        OpenCodeTestHome.LEAKING_VARIABLES.forEach(env::remove);
        env.putAll(home.environment());
        return env;
    }

    private static Map<String, String> environmentOf(long pid) throws IOException {
        String raw = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")),
                StandardCharsets.UTF_8);
        return Arrays.stream(raw.split("\0")).filter(entry -> entry.contains("="))
                .collect(Collectors.toMap(entry -> entry.substring(0, entry.indexOf('=')),
                        entry -> entry.substring(entry.indexOf('=') + 1), (a, b) -> b));
    }

    private static int statusWithout(URI url) throws InterruptedException {
        return status(HttpRequest.newBuilder(url.resolve("/global/health")));
    }

    private static int statusWith(URI url, String password) throws InterruptedException {
        return status(HttpRequest.newBuilder(url.resolve("/global/health")).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(("opencode:" + password).getBytes(StandardCharsets.UTF_8))));
    }

    /** The HTTP status, or -1 when nothing answers. A short timeout: a connection made as the port opens may hang. */
    private static int status(HttpRequest.Builder request) throws InterruptedException {
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request.timeout(Duration.ofMillis(1500)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void awaitTrue(BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition within 60 s").isBefore(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
