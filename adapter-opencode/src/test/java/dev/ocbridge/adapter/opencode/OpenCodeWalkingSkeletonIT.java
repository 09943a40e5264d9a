package dev.ocbridge.adapter.opencode;

import dev.ocbridge.adapter.opencode.testing.FakeLlm;
import dev.ocbridge.adapter.opencode.testing.OpenCodeTestServer;
import dev.ocbridge.adapter.opencode.testing.RecordingSessionEventHandler;
import dev.ocbridge.core.domain.NewSession;
import dev.ocbridge.core.domain.Prompt;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.TextKind;
import dev.ocbridge.core.port.out.SessionPort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The thin path through the adapter against the real server: create, list, prompt, stream the answer. */
class OpenCodeWalkingSkeletonIT {

    @TempDir
    static Path project;

    static FakeLlm llm;
    static OpenCodeTestServer server;
    static OpenCodeConnection connection;
    static RecordingSessionEventHandler events = new RecordingSessionEventHandler();

    @BeforeAll
    static void startServer() throws IOException {
        llm = FakeLlm.start();
        server = OpenCodeTestServer.start(llm, project.toRealPath());
        connection = new OpenCodeConnection(new OpenCodeSettings(server.baseUrl(), null, server.directory().toString()));
        connection.eventStream().start(events);
        events.await(SessionEvent.StreamConnected.class, connected -> true);
    }

    @AfterAll
    static void stopServer() {
        if (connection != null) {
            connection.close();
        }
        if (server != null) {
            server.close();
        }
        if (llm != null) {
            llm.close();
        }
    }

    @Test
    void promptedSessionStreamsTheLlmAnswerAsDeltasThenGoesIdle() {
        SessionPort sessions = connection.sessionPort();
        SessionInfo created = sessions.createSession(new NewSession("skeleton", server.directory().toString()));
        assertThat(sessions.listSessions()).extracting(SessionInfo::id).contains(created.id());
        llm.enqueueText("Hello", " from", " the fake", " LLM.");

        sessions.sendPrompt(created.id(), Prompt.text("please greet me"));

        events.await(SessionEvent.SessionIdle.class, created.id());
        assertThat(events.streamedText(created.id(), TextKind.ANSWER)).isEqualTo("Hello from the fake LLM.");
        assertThat(llm.wasPromptedWith("please greet me")).isTrue();
    }
}
