package dev.ocbridge.adapter.opencode;

import dev.ocbridge.adapter.opencode.testing.TcpProxy;
import dev.ocbridge.core.domain.NewSession;
import dev.ocbridge.core.domain.Prompt;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.error.ServerMisroutedException;
import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.testing.FakeMetricsPort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A proxy in front of the real server answers 404 for session routes: no session is called gone for that. */
class OpenCodeMisroutedServerIT {

    @TempDir
    static Path temp;

    static LiveAdapter live;
    private TcpProxy proxy;
    private OpenCodeConnection behindTheProxy;
    private SessionPort sessions;
    private SessionInfo session;

    @BeforeAll
    static void startServer() throws IOException {
        live = LiveAdapter.start(Files.createDirectories(temp.resolve("server")).toRealPath());
    }

    @AfterAll
    static void stopServer() {
        if (live != null) {
            live.close();
        }
    }

    @BeforeEach
    void connectThroughTheProxy() {
        proxy = TcpProxy.start(live.environment().server().port());
        behindTheProxy = new OpenCodeConnection(new OpenCodeSettings(proxy.uri(), null, live.directory()),
                new FakeMetricsPort());
        sessions = behindTheProxy.sessionPort();
        session = sessions.createSession(new NewSession("behind a proxy", live.directory()));
        assertThat(sessions.serverDirectory()).isEqualTo(live.directory());
    }

    @AfterEach
    void closeTheProxy() {
        behindTheProxy.close();
        proxy.close();
    }

    @Test
    void aProxyAnswering404ForEverySessionRouteLeavesTheSessionUndecided() {
        proxy.answerNotFound("/session");

        assertThatThrownBy(() -> sessions.session(session.id())).isInstanceOf(ServerMisroutedException.class)
                .hasMessageContaining("does not list its sessions");
        assertThatThrownBy(() -> sessions.sendPrompt(session.id(), Prompt.text("hello")))
                .isInstanceOf(ServerMisroutedException.class);
        assertThat(live.llm().requests()).isEmpty();

        proxy.answerNotFound();
        assertThat(sessions.session(session.id())).map(SessionInfo::id).contains(session.id());
    }

    @Test
    void aProxyAnswering404ForOneSessionsRoutesIsCaughtByTheListThatStillHasIt() {
        proxy.answerNotFound("/session/" + session.id().value());

        assertThatThrownBy(() -> sessions.session(session.id())).isInstanceOf(ServerMisroutedException.class)
                .hasMessageContaining("still lists that session");
    }

    @Test
    void aSessionReallyDeletedIsStillGoneBehindTheProxy() {
        live.sessions().deleteSession(session.id());

        assertThat(sessions.session(session.id())).isEmpty();
    }
}
