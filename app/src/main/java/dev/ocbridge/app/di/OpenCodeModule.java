package dev.ocbridge.app.di;

import dagger.Module;
import dagger.Provides;
import dev.ocbridge.adapter.opencode.OpenCodeConnection;
import dev.ocbridge.adapter.opencode.OpenCodeSettings;
import dev.ocbridge.adapter.opencode.process.OpenCodeProcessSettings;
import dev.ocbridge.adapter.opencode.process.OpenCodeServerSupervisor;
import dev.ocbridge.app.config.BridgeConfig;
import dev.ocbridge.app.config.Secret;
import dev.ocbridge.core.port.out.MetricsPort;
import dev.ocbridge.core.port.out.SessionPort;

import javax.inject.Singleton;
import java.util.Optional;

/** The agent side: the OpenCode server's REST API and event stream, and the server itself when no URL is given. */
@Module
public final class OpenCodeModule {
    private OpenCodeModule() {
    }

    /** Present when the bridge runs {@code opencode serve} itself because no {@code OPENCODE_URL} is set. */
    @Provides
    @Singleton
    static Optional<OpenCodeServerSupervisor> supervisor(BridgeConfig config) {
        if (config.openCodeUrl().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new OpenCodeServerSupervisor(OpenCodeProcessSettings.of(config.openCodeBinary(),
                config.directory(), config.openCodePassword().map(Secret::value).orElse(null))));
    }

    @Provides
    @Singleton
    static OpenCodeConnection connection(BridgeConfig config, Optional<OpenCodeServerSupervisor> supervisor,
                                         MetricsPort metrics) {
        return new OpenCodeConnection(new OpenCodeSettings(
                config.openCodeUrl().orElseGet(() -> supervisor.orElseThrow().baseUrl()),
                config.openCodePassword().map(Secret::value).orElse(null),
                config.directory().toString()), metrics);
    }

    @Provides
    static SessionPort sessions(OpenCodeConnection connection) {
        return connection.sessionPort();
    }
}
