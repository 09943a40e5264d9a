package dev.ocbridge.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings of the operations endpoint and of the log format. */
class OperationsSettingsTest {
    @TempDir
    Path workingDirectory;
    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>(Map.of(
            "MATTERMOST_URL", "https://chat.example.com",
            "MATTERMOST_TOKEN", "tok-secret-123",
            "MATTERMOST_OWNER_USER_ID", "owner1"));

    @Test
    void byDefaultTheEndpointListensOnLoopbackPort9321AndLogsAreText() {
        BridgeConfig config = load();

        assertThat(config.httpAddress()).contains(new InetSocketAddress("127.0.0.1", 9321));
        assertThat(config.logFormat()).isEqualTo(LogFormat.TEXT);
    }

    @Test
    void offTurnsTheEndpointOff() {
        env.put("OPENCODE_MM_HTTP_ADDRESS", "OFF");

        assertThat(load().httpAddress()).isEmpty();
    }

    @Test
    void anyHostAndPortCanBeGivenIpv6InBrackets() {
        env.put("OPENCODE_MM_HTTP_ADDRESS", "0.0.0.0:8080");
        assertThat(load().httpAddress()).contains(new InetSocketAddress("0.0.0.0", 8080));

        env.put("OPENCODE_MM_HTTP_ADDRESS", "[::1]:0");
        assertThat(load().httpAddress()).contains(new InetSocketAddress("::1", 0));

        env.put("OPENCODE_MM_HTTP_ADDRESS", "localhost:9400");
        assertThat(load().httpAddress()).hasValueSatisfying(address -> assertThat(address.getPort()).isEqualTo(9400));
    }

    @Test
    void anAddressWithoutAPortOrWithAnImpossibleOneIsNamed() {
        env.put("OPENCODE_MM_HTTP_ADDRESS", "127.0.0.1");
        assertThatThrownBy(this::load).hasMessageStartingWith("OPENCODE_MM_HTTP_ADDRESS must be host:port");

        env.put("OPENCODE_MM_HTTP_ADDRESS", "127.0.0.1:70000");
        assertThatThrownBy(this::load).hasMessage("OPENCODE_MM_HTTP_ADDRESS has no such port: 70000");
    }

    @Test
    void jsonLogsAreChosenByName() {
        env.put("OPENCODE_MM_LOG_FORMAT", "JSON");
        assertThat(load().logFormat()).isEqualTo(LogFormat.JSON);

        env.put("OPENCODE_MM_LOG_FORMAT", "xml");
        assertThatThrownBy(this::load).hasMessage("OPENCODE_MM_LOG_FORMAT must be text or json, got 'xml'");
    }

    private BridgeConfig load() {
        return new ConfigLoader(env, workingDirectory, home).load();
    }
}
