package dev.ocbridge.app.e2e;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.adapter.opencode.testing.LlmReply;
import dev.ocbridge.adapter.opencode.testing.OpenCodeInstallation;
import dev.ocbridge.adapter.opencode.testing.OpenCodeTestHome;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without OPENCODE_URL the bridge runs opencode serve itself, in its own working directory, and stops it when it
 * stops.
 */
class SupervisedOpenCodeIT extends EndToEndTest {
    private static final String STARTED = "Started opencode serve at ";

    @Test
    void theBridgeStartsOpenCodeUsesItAndStopsItOnShutdown() {
        OpenCodeInstallation installation = OpenCodeInstallation.fromSystemProperties();
        try (OpenCodeTestHome home = OpenCodeTestHome.acquire(installation, llm)) {
            BridgeProcess bridge = startBridge(supervised(home, installation));
            URI supervised = URI.create(bridge.output().stream().filter(line -> line.contains(STARTED)).findFirst()
                    .map(line -> line.substring(line.indexOf(STARTED) + STARTED.length()).strip())
                    .orElseThrow());
            llm.enqueueText("From the supervised server.");

            EmulatedPost post = mattermost.post(alice, aliceDm.id(), "hello supervised");

            awaitThreadContains(post.id(), "From the supervised server.");
            assertThat(botReplies(post.id()).get(0).message()).as("the session works where the bridge started the server")
                    .contains(bridgeWorkingDirectory.toString());
            assertThat(bridge.stop()).isEqualTo(BridgeProcess.TERMINATED);
            assertThat(bridge.hasLogged("Bridge stopped")).as("a clean shutdown").isTrue();
            assertThat(accepts(supervised)).as("the supervised server is stopped with the bridge").isFalse();
        }
    }

    @Test
    void aRunCutOffByACleanStopIsSaidToBeInterruptedOnceAfterTheRestart() {
        OpenCodeInstallation installation = OpenCodeInstallation.fromSystemProperties();
        try (OpenCodeTestHome home = OpenCodeTestHome.acquire(installation, llm)) {
            Map<String, String> settings = supervised(home, installation);
            BridgeProcess bridge = startBridge(settings);
            List<String> chunks = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                chunks.add("word" + i + " ");
            }
            llm.enqueue(LlmReply.text(chunks.toArray(String[]::new)).withDelay(Duration.ofMillis(300)));
            EmulatedPost post = mattermost.post(alice, aliceDm.id(), "a long one please");
            awaitThreadContains(post.id(), "word1 ");

            assertThat(bridge.stop()).isEqualTo(BridgeProcess.TERMINATED);
            startBridge(settings);
            Eventually.quietPeriod(Duration.ofSeconds(3));

            assertThat(botReplies(post.id())).extracting(EmulatedPost::message)
                    .filteredOn(message -> message.contains("Interrupted")).hasSize(1);
            assertThat(threadText(post.id())).doesNotContain("word99");
        }
    }

    /** Without OPENCODE_URL, with the test HOME for the server's configuration and the state file elsewhere. */
    private Map<String, String> supervised(OpenCodeTestHome home, OpenCodeInstallation installation) {
        Map<String, String> settings = new HashMap<>(home.environment());
        settings.put("OPENCODE_URL", "");
        settings.put("OPENCODE_SERVER_PASSWORD", "");
        settings.put("OPENCODE_BIN", installation.binary().toString());
        settings.put("OPENCODE_MM_MAPPING_FILE", mappingFile.toString());
        return settings;
    }

    private static boolean accepts(URI server) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
