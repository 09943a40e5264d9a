package dev.ocbridge.app.di;

import dagger.Module;
import dagger.Provides;
import dev.ocbridge.adapter.opencode.OpenCodeConnection;
import dev.ocbridge.adapter.opencode.OpenCodeSettings;
import dev.ocbridge.adapter.opencode.process.OpenCodeProcessSettings;
import dev.ocbridge.adapter.opencode.process.OpenCodeServerSupervisor;
import dev.ocbridge.adapter.opencode.server.ServerAccess;
import dev.ocbridge.adapter.opencode.server.ServerLocation;
import dev.ocbridge.app.config.BridgeConfig;
import dev.ocbridge.app.config.Secret;
import dev.ocbridge.core.port.out.MetricsPort;
import dev.ocbridge.core.port.out.SessionPort;

import javax.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;

/** The agent side: the OpenCode server's REST API and event stream, and the server itself when no URL is given. */
@Module
public final class OpenCodeModule {
    private OpenCodeModule() {
    }

    /**
     * Present when the bridge runs {@code opencode serve} itself because no {@code OPENCODE_URL} is set: with an
     * environment built for it, and recorded next to the state file, whose lock makes this bridge its only owner.
     */
    @Provides
    @Singleton
    static Optional<OpenCodeServerSupervisor> supervisor(BridgeConfig config) {
        if (config.openCodeUrl().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new OpenCodeServerSupervisor(OpenCodeProcessSettings
                .of(config.openCodeBinary(), config.directory(), config.openCodePassword().map(Secret::value).orElse(null),
                        config.serverEnvironment().variables())
                .withPidFile(pidFileOf(config.mappingFile()))));
    }

    /** Follows the supervised server to its port and password of the moment; a configured one stays put. */
    @Provides
    @Singleton
    static OpenCodeConnection connection(BridgeConfig config, Optional<OpenCodeServerSupervisor> supervisor,
                                         MetricsPort metrics) {
        ServerLocation server = supervisor.<ServerLocation>map(supervised -> supervised)
                .orElseGet(() -> ServerLocation.fixed(new ServerAccess(config.openCodeUrl().orElseThrow(),
                        config.openCodePassword().map(Secret::value).orElse(null))));
        return new OpenCodeConnection(new OpenCodeSettings(server, config.directory().toString()), metrics);
    }

    @Provides
    static SessionPort sessions(OpenCodeConnection connection) {
        return connection.sessionPort();
    }

    static Path pidFileOf(Path stateFile) {
        return stateFile.resolveSibling(stateFile.getFileName() + ".opencode.pid");
    }
}
