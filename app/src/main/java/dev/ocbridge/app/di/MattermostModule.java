package dev.ocbridge.app.di;

import dagger.Module;
import dagger.Provides;
import dev.ocbridge.adapter.mattermost.MattermostConnection;
import dev.ocbridge.adapter.mattermost.MattermostSettings;
import dev.ocbridge.app.config.BridgeConfig;
import dev.ocbridge.core.port.out.ChatEventsPort;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.MetricsPort;

import javax.inject.Singleton;

/** The chat side: Mattermost's REST API and websocket. */
@Module
public final class MattermostModule {
    private MattermostModule() {
    }

    @Provides
    @Singleton
    static MattermostConnection connection(BridgeConfig config, MetricsPort metrics) {
        return MattermostConnection.open(new MattermostSettings(config.mattermostUrl(),
                config.mattermostWebsocketUrl().orElse(null), config.mattermostToken().value()), metrics);
    }

    @Provides
    static ChatPort chat(MattermostConnection connection) {
        return connection.chat();
    }

    @Provides
    @Singleton
    static ChatEventsPort events(MattermostConnection connection) {
        return connection.events();
    }
}
