package dev.ocbridge.adapter.opencode.process;

import dev.ocbridge.adapter.opencode.OpenCodeConnection;
import dev.ocbridge.adapter.opencode.OpenCodeSettings;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The supervisor running the real {@code opencode serve}: start, restart after a crash or a hang, stop. */
class OpenCodeServerSupervisorIT {

    @TempDir
    static Path temp;

    static FakeLlm llm;
    static OpenCodeInstallation installation;
    static Path project;

    OpenCodeTestHome home;
    OpenCodeServerSupervisor supervisor;

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
    }

    @Test
    void startsAServerThatAnswersOnTheReturnedUrlInTheProjectDirectory() {
        supervisor = supervised("secret-pw");
        URI announced = supervisor.baseUrl();

        URI url = supervisor.start();

        try (OpenCodeConnection connection = new OpenCodeConnection(
                new OpenCodeSettings(url, "secret-pw", project.toString()), new FakeMetricsPort())) {
            assertThat(connection.serverVersion()).isEqualTo(installation.version());
            SessionInfo session = connection.sessionPort().createSession(new NewSession("supervised", project.toString()));
            assertThat(session.directory()).isEqualTo(project.toString());
        }
        assertThat(url).isEqualTo(announced);
        assertThat(url.getHost()).isEqualTo("127.0.0.1");
        assertThat(supervisor.isRunning()).isTrue();
    }

    @Test
    void restartsADeadServerOnTheSameUrl() {
        supervisor = supervised(null);
        URI url = supervisor.start();
        long first = supervisor.pid();

        ProcessHandle.of(first).orElseThrow().destroyForcibly();

        awaitTrue(() -> supervisor.starts() == 2 && answers(url));
        assertThat(supervisor.pid()).isNotEqualTo(first);
        assertThat(supervisor.baseUrl()).isEqualTo(url);
    }

    @Test
    void restartsAServerThatStopsAnswering() throws Exception {
        supervisor = supervised(null);
        URI url = supervisor.start();
        long first = supervisor.pid();

        Process freeze = new ProcessBuilder("kill", "-STOP", Long.toString(first)).start();
        assertThat(freeze.waitFor()).isZero();

        awaitTrue(() -> supervisor.starts() == 2 && answers(url));
        assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void stopEndsTheServer() {
        supervisor = supervised(null);
        URI url = supervisor.start();
        long pid = supervisor.pid();

        supervisor.stop();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(supervisor.isRunning()).isFalse();
        assertThat(answers(url)).isFalse();
    }

    @Test
    void aMissingBinaryIsAClearError() {
        supervisor = new OpenCodeServerSupervisor(OpenCodeProcessSettings.of(
                temp.resolve("no-such-opencode").toString(), project, null));

        assertThatThrownBy(supervisor::start)
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("no-such-opencode");
    }

    private OpenCodeServerSupervisor supervised(String password) {
        home = OpenCodeTestHome.acquire(installation, llm);
        return new OpenCodeServerSupervisor(OpenCodeProcessSettings
                .of(installation.binary().toString(), project, password)
                .withEnvironment(home.environment())
                .withCheckInterval(Duration.ofSeconds(1)));
    }

    /** A short timeout: a connection made just as the port opens may never be answered. */
    private static boolean answers(URI url) {
        HttpRequest request = HttpRequest.newBuilder(url.resolve("/global/health"))
                .timeout(Duration.ofMillis(1500)).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"healthy\":true");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
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
