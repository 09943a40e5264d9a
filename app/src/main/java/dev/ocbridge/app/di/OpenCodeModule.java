package dev.ocbridge.app.di;

import dagger.Module;
import dagger.Provides;
import dev.ocbridge.adapter.opencode.OpenCodeConnection;
import dev.ocbridge.adapter.opencode.OpenCodeSettings;
import dev.ocbridge.app.config.BridgeConfig;
import dev.ocbridge.app.config.ConfigException;
import dev.ocbridge.app.config.Secret;
import dev.ocbridge.app.config.Setting;
import dev.ocbridge.core.port.out.SessionPort;

import javax.inject.Singleton;

/** The agent side: the OpenCode server's REST API and event stream. */
@Module
public final class OpenCodeModule {
    private OpenCodeModule() {
    }

    @Provides
    @Singleton
    static OpenCodeConnection connection(BridgeConfig config) {
        return new OpenCodeConnection(new OpenCodeSettings(
                config.openCodeUrl().orElseThrow(() -> new ConfigException(Setting.OPENCODE_URL,
                        "is required: starting OpenCode from the bridge is not available in this build")),
                config.openCodePassword().map(Secret::value).orElse(null),
                config.directory().toString()));
    }

    @Provides
    static SessionPort sessions(OpenCodeConnection connection) {
        return connection.sessionPort();
    }
}
