package dev.ocbridge.app.e2e;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.adapter.opencode.testing.LlmReply;
import dev.ocbridge.adapter.opencode.testing.OpenCodeInstallation;
import dev.ocbridge.adapter.opencode.testing.OpenCodeTestHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server the bridge runs itself: the agent's tools never see the bridge's secrets, nobody without its password
 * gets in, and it does not outlive a bridge that was killed; never two of ours on one storage.
 */
class SupervisedServerSecurityIT extends EndToEndTest {
    private static final Pattern STARTED = Pattern.compile("started opencode serve \\(pid (\\d+)\\) on (\\S+)");

    private OpenCodeInstallation installation;
    private OpenCodeTestHome home;

    @BeforeEach
    void takeAHome() {
        installation = OpenCodeInstallation.fromSystemProperties();
        home = OpenCodeTestHome.acquire(installation, llm);
    }

    @AfterEach
    void releaseTheHome() {
        home.close();
    }

    @Test
    void theAgentsShellSeesNoneOfTheBridgesSecretsAndTheServerWantsItsPassword() throws Exception {
        BridgeProcess bridge = startSupervised();
        llm.enqueue(LlmReply.bash("printenv"), LlmReply.text("Listed."));

        EmulatedPost prompt = mattermost.post(alice, aliceDm.id(), "what is in your environment?");

        awaitThreadContains(prompt.id(), "Listed.");
        String printed = String.join("\n", llm.requests().stream().flatMap(request -> request.toolResults().stream())
                .toList());
        assertThat(printed).as("the output of printenv").contains("HOME=" + home.path());
        assertThat(printed).doesNotContain(bot.token(), mattermost.serverUrl().toString(), mappingFile.toString());
        assertThat(Arrays.stream(printed.split("\n")))
                .noneMatch(line -> line.startsWith("MATTERMOST_") || line.startsWith("OPENCODE_MM_")
                        || line.startsWith("OPENCODE_URL="));
        assertThat(printed).as("OpenCode gives the shell its own environment: the server's password, new at every "
                + "start, is readable by the agent, as docs/security.md says").contains("OPENCODE_SERVER_PASSWORD=");
        assertThat(statusWithoutCredentials(latestServer(bridge).url())).isEqualTo(401);
    }

    @Test
    void aKilledBridgeTakesItsServerAlongAndTheNextStartRunsExactlyOne() {
        BridgeProcess first = startSupervised();
        long killedWith = latestServer(first).pid();

        first.kill();

        Eventually.awaitTrue("the server of the killed bridge to stop", () -> !alive(killedWith));
        BridgeProcess second = startSupervised();
        assertThat(serversOfOurs()).containsExactly(latestServer(second).pid());
        answersAPrompt();
    }

    @Test
    void aServerThatOutlivedItsBridgeIsStoppedByTheNextStartBeforeItStartsItsOwn() {
        BridgeProcess first = startSupervised();
        long orphan = latestServer(first).pid();
        // Without its pipe reader the server no longer notices the bridge going: the pid file is all that is left.
        ProcessHandle.of(orphan).orElseThrow().children().forEach(ProcessHandle::destroyForcibly);

        first.kill();

        Eventually.quietPeriod(Duration.ofSeconds(2));
        assertThat(alive(orphan)).as("the server outlived its bridge").isTrue();
        BridgeProcess second = startSupervised();
        assertThat(alive(orphan)).isFalse();
        assertThat(second.hasLogged("left running")).isTrue();
        assertThat(serversOfOurs()).containsExactly(latestServer(second).pid());
        answersAPrompt();
    }

    private BridgeProcess startSupervised() {
        Map<String, String> settings = new HashMap<>(home.environment());
        settings.put("OPENCODE_URL", "");
        settings.put("OPENCODE_SERVER_PASSWORD", "");
        settings.put("OPENCODE_BIN", installation.binary().toString());
        return startBridge(settings);
    }

    private void answersAPrompt() {
        llm.enqueueText("Still here.");
        EmulatedPost prompt = mattermost.post(alice, aliceDm.id(), "are you there?");
        awaitThreadContains(prompt.id(), "Still here.");
    }

    private record Server(long pid, URI url) {
    }

    private static Server latestServer(BridgeProcess bridge) {
        List<String> lines = bridge.output();
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher matcher = STARTED.matcher(lines.get(i));
            if (matcher.find()) {
                return new Server(Long.parseLong(matcher.group(1)), URI.create(matcher.group(2)));
            }
        }
        throw new AssertionError("the bridge started no server");
    }

    /** Running {@code opencode serve} processes of this installation on this test's storage (its HOME). */
    private List<Long> serversOfOurs() {
        Path binary;
        try {
            binary = installation.binary().toRealPath();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(Path::of).map(binary::equals).orElse(false))
                .filter(process -> environment(process).contains("HOME=" + home.path()))
                .map(ProcessHandle::pid)
                .toList();
    }

    private static List<String> environment(ProcessHandle process) {
        try {
            return List.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "environ")),
                    StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static int statusWithoutCredentials(URI server) throws Exception {
        HttpResponse<Void> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(server.resolve("/session")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }
}
