package dev.ocbridge.app.config;

import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.progress.ProgressSettings;
import dev.ocbridge.core.settings.MainDmMode;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The validated configuration. Secrets are {@link Secret}s, so printing this is safe.
 *
 * @param directory           where sessions started from chat work, a path on the OpenCode server's machine;
 *                            empty for the directory the server itself works in
 * @param supervisedDirectory where the bridge starts {@code opencode serve} when no {@code OPENCODE_URL} is set
 * @param keepEnded           how long the mapping of an ended session is kept
 * @param httpAddress         the operations endpoint; empty when it is off
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
        Optional<String> directory,
        Path supervisedDirectory,
        Path mappingFile,
        Duration keepEnded,
        MainDmMode mainDmMode,
        Duration adoptWindow,
        Duration editInterval,
        int maxPostLength,
        ProgressSettings progress,
        String logLevel,
        LogFormat logFormat,
        Optional<InetSocketAddress> httpAddress,
        ServerEnvironment serverEnvironment,
        long maxFileBytes) {

    public BridgeConfig {
        allowedUsers = Set.copyOf(allowedUsers);
    }
}
