package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.testing.FakeMetricsPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bot token stays out of every log line, whatever happens. */
class SecretsIT {
    private final MattermostFixture fixture = new MattermostFixture();
    private final LogCapture log = new LogCapture();

    @AfterEach
    void tearDown() {
        fixture.close();
        log.close();
    }

    @Test
    void neitherAGoodNorARefusedTokenIsEverLogged() {
        RecordingChatEventHandler handler = new RecordingChatEventHandler();
        MattermostEventsAdapter events = fixture.connection.events();
        events.start(handler);
        Eventually.await("connected", () -> !handler.events(ChatEvent.Connected.class).isEmpty());
        fixture.emulator.post(fixture.alice, fixture.dm.id(), "hi");
        fixture.emulator.dropConnections();
        Eventually.await("reconnected", () -> handler.events(ChatEvent.Connected.class).size() == 2);
        String wrongToken = "wrong-token-that-must-not-leak";
        try (MattermostConnection wrong = MattermostConnection.open(fixture.settings(wrongToken), MattermostFixture.FAST, new FakeMetricsPort())) {
            MattermostEventsAdapter refused = wrong.events();
            refused.start(new RecordingChatEventHandler());
            Eventually.await("refused", () -> refused.status() == MattermostEventsAdapter.Status.FAILED);
        }

        List<String> logLines = log.lines();
        assertThat(logLines).isNotEmpty();
        assertThat(logLines).noneMatch(line -> line.contains(fixture.bot.token()));
        assertThat(logLines).noneMatch(line -> line.contains(wrongToken));
    }
}
