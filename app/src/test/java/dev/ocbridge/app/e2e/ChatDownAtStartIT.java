package dev.ocbridge.app.e2e;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A bridge started before Mattermost is up (a reboot where the bridge's unit comes first). */
class ChatDownAtStartIT extends EndToEndTest {

    @Test
    void aBridgeStartedWhileMattermostIsDownWaitsForItWithGrowingWaitsAndThenAnswers() {
        mattermost.goDown();
        BridgeProcess bridge = launchBridge(Map.of());
        Eventually.awaitTrue("two attempts to reach Mattermost", () -> attemptsLogged(bridge) >= 2);
        assertThat(bridge.isRunning()).as("still waiting, not given up").isTrue();

        mattermost.comeBack();
        Eventually.awaitTrue("the bridge to start", () -> bridge.hasLogged("Bridge running"));
        llm.enqueueText("Here ", "now.");
        EmulatedPost post = mattermost.post(alice, aliceDm.id(), "are you there?");

        awaitThreadContains(post.id(), "Here now.");
        assertThat(bridge.output()).filteredOn(line -> line.contains("Mattermost is not reachable"))
                .as("the waits double from a second").first().asString().contains("trying again in 1s");
        assertThat(bridge.output()).filteredOn(line -> line.contains("Mattermost is not reachable"))
                .element(1).asString().contains("trying again in 2s");
    }

    private static long attemptsLogged(BridgeProcess bridge) {
        return bridge.output().stream().filter(line -> line.contains("Mattermost is not reachable")).count();
    }
}
