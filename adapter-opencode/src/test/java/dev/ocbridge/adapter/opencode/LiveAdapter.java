package dev.ocbridge.adapter.opencode;

import dev.ocbridge.adapter.opencode.testing.FakeLlm;
import dev.ocbridge.adapter.opencode.testing.OpenCodeTestEnvironment;
import dev.ocbridge.adapter.opencode.testing.RecordingSessionEventHandler;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.testing.FakeMetricsPort;

import java.nio.file.Path;

/** The adapter connected to a real server with a fake LLM, its event stream up and recorded. */
final class LiveAdapter implements AutoCloseable {

    private final OpenCodeTestEnvironment environment;
    private final OpenCodeConnection connection;
    private final RecordingSessionEventHandler events = new RecordingSessionEventHandler();

    private LiveAdapter(OpenCodeTestEnvironment environment) {
        this.environment = environment;
        this.connection = new OpenCodeConnection(
                new OpenCodeSettings(environment.server().baseUrl(), null, environment.directory()), new FakeMetricsPort());
    }

    static LiveAdapter start(Path project) {
        OpenCodeTestEnvironment environment = OpenCodeTestEnvironment.start(project);
        LiveAdapter live = new LiveAdapter(environment);
        live.connection.eventStream().start(live.events);
        live.events.await(SessionEvent.StreamConnected.class, connected -> true);
        return live;
    }

    SessionPort sessions() {
        return connection.sessionPort();
    }

    OpenCodeConnection connection() {
        return connection;
    }

    RecordingSessionEventHandler events() {
        return events;
    }

    FakeLlm llm() {
        return environment.llm();
    }

    OpenCodeTestEnvironment environment() {
        return environment;
    }

    String directory() {
        return environment.directory();
    }

    @Override
    public void close() {
        connection.close();
        environment.close();
    }
}
