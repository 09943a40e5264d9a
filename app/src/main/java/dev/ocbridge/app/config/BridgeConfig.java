package dev.ocbridge.app.config;

import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.settings.MainDmMode;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The validated configuration. Secrets are {@link Secret}s, so printing this is safe. {@code httpAddress} is
 * empty when the operations endpoint is off.
 */
public record BridgeConfig(
        URI mattermostUrl,
        Secret mattermostToken,
        Optional<URI> mattermostWebsocketUrl,
        Optional<UserId> owner,
        Set<UserId> allowedUsers,
        boolean allowAnyone,
        Optional<URI> openCodeUrl,
        Optional<Secret> openCodePassword,
        String openCodeBinary,
        Path directory,
        Path mappingFile,
        MainDmMode mainDmMode,
        Duration adoptWindow,
        Duration editInterval,
        int maxPostLength,
        String logLevel,
        LogFormat logFormat,
        Optional<InetSocketAddress> httpAddress,
        ServerEnvironment serverEnvironment) {

    public BridgeConfig {
        allowedUsers = Set.copyOf(allowedUsers);
    }
}
