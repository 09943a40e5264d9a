package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedChannel;
import dev.ocbridge.adapter.mattermost.emulator.EmulatedUser;
import dev.ocbridge.adapter.mattermost.emulator.MattermostEmulator;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.testing.FakeMetricsPort;

import java.time.Duration;

/** An emulated server with a bot, a person and their direct channel, and the adapter signed in as the bot. */
final class MattermostFixture implements AutoCloseable {
    static final MattermostTimings FAST = MattermostTimings.defaults()
            .withReconnect(Duration.ofMillis(50), Duration.ofMillis(400))
            .withPing(Duration.ofSeconds(2), Duration.ofSeconds(3))
            .withRetry(Duration.ofMillis(20), Duration.ofMillis(200), 4);

    final MattermostEmulator emulator = new MattermostEmulator().start();
    final EmulatedUser bot = emulator.createBot("bridge-bot");
    final EmulatedUser alice = emulator.createUser("alice");
    final EmulatedChannel dm = emulator.directChannel(bot, alice);
    final ChannelId dmId = new ChannelId(dm.id());
    final FakeMetricsPort metrics = new FakeMetricsPort();
    final MattermostConnection connection;

    MattermostFixture() {
        this(FAST);
    }

    MattermostFixture(MattermostTimings timings) {
        connection = MattermostConnection.open(settings(bot.token()), timings, metrics);
    }

    MattermostSettings settings(String token) {
        return new MattermostSettings(emulator.serverUrl(), null, token);
    }

    ChatPort chat() {
        return connection.chat();
    }

    @Override
    public void close() {
        connection.close();
        emulator.close();
    }
}
