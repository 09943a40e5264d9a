package dev.ocbridge.adapter.opencode.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to run {@code opencode serve} when no server URL is configured.
 *
 * @param binary         the executable ({@code OPENCODE_BIN}); a bare name is looked up on the PATH
 * @param directory      the project directory: the server's working directory and default project
 * @param password       {@code OPENCODE_SERVER_PASSWORD} for the child, or null for an unsecured loopback server
 * @param environment    extra environment variables for the child (the rest is inherited)
 * @param startupTimeout how long a start may take until {@code /global/health} answers
 * @param checkInterval  how often the running server's health is checked
 */
public record OpenCodeProcessSettings(String binary, Path directory, String password,
                                      Map<String, String> environment, Duration startupTimeout,
                                      Duration checkInterval) {

    public static final String DEFAULT_BINARY = "opencode";

    public OpenCodeProcessSettings {
        binary = binary == null || binary.isBlank() ? DEFAULT_BINARY : binary;
        Objects.requireNonNull(directory, "directory");
        password = password == null || password.isEmpty() ? null : password;
        environment = Map.copyOf(environment);
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        Objects.requireNonNull(checkInterval, "checkInterval");
    }

    /** Defaults: 60 s to start, a health check every 5 s. */
    public static OpenCodeProcessSettings of(String binary, Path directory, String password) {
        return new OpenCodeProcessSettings(binary, directory, password, Map.of(), Duration.ofSeconds(60),
                Duration.ofSeconds(5));
    }

    public OpenCodeProcessSettings withEnvironment(Map<String, String> extra) {
        return new OpenCodeProcessSettings(binary, directory, password, extra, startupTimeout, checkInterval);
    }

    public OpenCodeProcessSettings withCheckInterval(Duration interval) {
        return new OpenCodeProcessSettings(binary, directory, password, environment, startupTimeout, interval);
    }

    @Override
    public String toString() {
        return "OpenCodeProcessSettings[binary=" + binary + ", directory=" + directory + ", password="
                + (password == null ? "none" : "***") + ", environment=" + environment.keySet()
                + ", startupTimeout=" + startupTimeout + ", checkInterval=" + checkInterval + "]";
    }
}
