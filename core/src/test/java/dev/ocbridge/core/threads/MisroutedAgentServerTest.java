package dev.ocbridge.core.threads;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.testing.CoreTestKit;
import dev.ocbridge.core.testing.fuzz.LogWatch;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent server says a session does not exist but does not answer as the server that holds it. */
class MisroutedAgentServerTest {
    private static final String REASON = "it does not list its sessions";
    private final CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();

    @Test
    void aReplyKeepsItsThreadOpenAndIsToldWhyNothingWasSent() {
        ThreadMapping mapping = kit.sessionWithThread("Behind a proxy");
        kit.sessions.misrouteSessionRoutes(REASON);

        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "still there?");

        ChatPost answer = lastBotPost();
        assertThat(answer.thread()).isEqualTo(mapping.thread());
        assertThat(answer.message()).contains("does not answer as the server of session", mapping.shortId(),
                "the thread stays open", REASON);
        assertThat(kit.mappings.findBySession(mapping.sessionId()).orElseThrow().isActive()).isTrue();
    }

    @Test
    void onceTheServerAnswersAsItselfAgainTheNextReplyReachesTheSession() {
        ThreadMapping mapping = kit.sessionWithThread("Behind a proxy");
        kit.sessions.misrouteSessionRoutes(REASON);
        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "still there?");

        kit.sessions.misrouteSessionRoutes(null);
        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "and now?");

        assertThat(kit.promptTextsTo(mapping.sessionId())).singleElement()
                .satisfies(prompt -> assertThat(prompt).endsWith("and now?"));
    }

    @Test
    void reconcilingEndsNoThreadAndSaysSoOnceForAllOfThem() {
        SessionInfo first = kit.sessions.addSession("Elsewhere", "/srv/other-project", null);
        SessionInfo second = kit.sessions.addSession("Elsewhere too", "/srv/third-project", null);
        kit.reconciler.reconcile();
        kit.clock.advance(Duration.ofHours(5));
        kit.sessions.misrouteSessionRoutes(REASON);

        try (LogWatch log = new LogWatch(SessionReconciler.class)) {
            kit.reconciler.reconcile();

            assertThat(log.lines()).isEqualTo(1);
            assertThat(log.longestLine()).contains(REASON);
        }
        assertThat(List.of(first, second)).allSatisfy(session ->
                assertThat(kit.mappings.findBySession(session.id()).orElseThrow().isActive()).isTrue());
    }

    private ChatPost lastBotPost() {
        List<ChatPost> own = kit.chat.postsBy(kit.bot.id());
        return own.get(own.size() - 1);
    }
}
