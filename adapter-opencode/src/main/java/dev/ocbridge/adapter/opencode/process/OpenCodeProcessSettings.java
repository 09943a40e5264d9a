package dev.ocbridge.adapter.opencode.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to run {@code opencode serve} when no server URL is configured.
 *
 * @param binary         the executable ({@code OPENCODE_BIN}); a bare name is looked up on the PATH
 * @param directory      the project directory: the server's working directory and default project
 * @param password       {@code OPENCODE_SERVER_PASSWORD} for the server, or null for a new random one at every start
 * @param environment    the server's whole environment, built for it: nothing else is inherited; the supervisor only
 *                       adds the password and the mark by which it knows its own servers
 * @param startupTimeout how long a start may take until {@code /global/health} answers
 * @param checkInterval  how often the running server's health is checked
 * @param pidFile        where the running server is recorded, so that a start after the bridge died stops the
 *                       server it left behind; null to keep no record
 */
public record OpenCodeProcessSettings(String binary, Path directory, String password,
                                      Map<String, String> environment, Duration startupTimeout,
                                      Duration checkInterval, Path pidFile) {

    public static final String DEFAULT_BINARY = "opencode";

    public OpenCodeProcessSettings {
        binary = binary == null || binary.isBlank() ? DEFAULT_BINARY : binary;
        Objects.requireNonNull(directory, "directory");
        password = password == null || password.isEmpty() ? null : password;
        environment = Map.copyOf(environment);
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        Objects.requireNonNull(checkInterval, "checkInterval");
    }

    /** Defaults: 60 s to start, a health check every 5 s, no pid file. */
    public static OpenCodeProcessSettings of(String binary, Path directory, String password,
                                             Map<String, String> environment) {
        return new OpenCodeProcessSettings(binary, directory, password, environment, Duration.ofSeconds(60),
                Duration.ofSeconds(5), null);
    }

    /** The same environment with {@code extra} set on top. */
    public OpenCodeProcessSettings withEnvironment(Map<String, String> extra) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.putAll(extra);
        return new OpenCodeProcessSettings(binary, directory, password, merged, startupTimeout, checkInterval, pidFile);
    }

    public OpenCodeProcessSettings withCheckInterval(Duration interval) {
        return new OpenCodeProcessSettings(binary, directory, password, environment, startupTimeout, interval, pidFile);
    }

    public OpenCodeProcessSettings withPidFile(Path file) {
        return new OpenCodeProcessSettings(binary, directory, password, environment, startupTimeout, checkInterval, file);
    }

    @Override
    public String toString() {
        return "OpenCodeProcessSettings[binary=" + binary + ", directory=" + directory + ", password="
                + (password == null ? "random per start" : "***") + ", environment=" + environment.size()
                + " variables, startupTimeout=" + startupTimeout + ", checkInterval=" + checkInterval
                + ", pidFile=" + pidFile + "]";
    }
}
