package dev.ocbridge.app.e2e;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.adapter.opencode.testing.TcpProxy;
import dev.ocbridge.core.domain.SessionInfo;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** OpenCode behind a proxy that answers 404 for every session route for a while, as a wrong proxy path would. */
class MisroutedOpenCodeIT extends EndToEndTest {

    /** What is proven is that nothing happens, so the outage really lasts. */
    private static final Duration OUTAGE = Duration.ofMinutes(1);

    @Test
    void aMinuteOf404sForEverySessionRouteEndsNoThreadAndTheThreadWorksAgainAfterwards() throws Exception {
        try (TcpProxy proxy = TcpProxy.start(openCodeServer.port())) {
            BridgeProcess bridge = startBridge(Map.of("OPENCODE_URL", proxy.uri().toString()));
            SessionInfo session = createSession("Behind a proxy");
            EmulatedPost root = awaitThreadRoot(session);

            proxy.answerNotFound("/session");
            Instant outageEnds = Instant.now().plus(OUTAGE);
            mattermost.reply(alice, aliceDm.id(), root.id(), "are you there?");
            awaitThreadContains(root.id(), "does not answer as the server of session");
            // The bridge reconnects its event stream and resynchronises while every session route says 404.
            proxy.disconnectEventStreams();
            mattermost.reply(alice, aliceDm.id(), root.id(), "still there?");
            Eventually.awaitTrue("the second reply to be answered", () -> botReplies(root.id()).stream()
                    .filter(post -> post.message().contains("does not answer as the server of session")).count() == 2);
            Eventually.quietPeriod(Duration.between(Instant.now(), outageEnds));

            proxy.answerNotFound();
            llm.enqueueText("Back again.");
            mattermost.reply(alice, aliceDm.id(), root.id(), "and now?");

            awaitThreadContains(root.id(), "Back again.");
            assertThat(threadText(root.id())).doesNotContain("Session ended", "has ended");
            assertThat(Files.readString(mappingFile)).doesNotContain("\"ended\"");
            assertThat(llm.requests()).as("only the reply after the outage reached the agent").hasSize(1);
            assertThat(bridge.output()).filteredOn(line -> line.contains("no thread is ended while it answers like this"))
                    .as("the misrouted server is logged once").hasSize(1);
        }
    }
}
