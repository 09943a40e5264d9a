package dev.ocbridge.app.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar … doctor} against a working setup and against each kind of broken one. */
class DoctorIT extends EndToEndTest {
    private int lastExit = -1;

    @Test
    void aWorkingSetupPassesEveryCheck() {
        List<String> report = doctor(Map.of());

        assertThat(report).filteredOn(line -> line.startsWith("✓")).extracting(line -> line.split(":")[0]).containsExactly(
                "✓ settings valid", "✓ Mattermost reachable", "✓ Mattermost token accepted",
                "✓ owner and allowed users exist", "✓ owner's DM can be opened", "✓ websocket authenticates",
                "✓ OpenCode reachable", "✓ OpenCode credentials accepted", "✓ a provider and default model configured",
                "✓ state file usable", "✓ HTTP address free");
        assertThat(report).noneMatch(line -> line.startsWith("✗"));
        assertThat(report).contains("All checks passed.");
        assertThat(lastExit).isZero();
    }

    @Test
    void aWrongTokenFailsItsLineAndIsNotPrinted() {
        List<String> report = doctor(Map.of("MATTERMOST_TOKEN", "wrongtoken1234567890abcdef"));

        assertThat(lastExit).isNotZero();
        assertThat(report).anyMatch(line -> line.startsWith("✗ Mattermost token accepted"));
        assertThat(report).anyMatch(line -> line.startsWith("✓ Mattermost reachable"));
        assertThat(String.join("\n", report)).doesNotContain("wrongtoken1234567890abcdef");
    }

    @Test
    void anUnreachableOpenCodeFailsItsLine() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        List<String> report = doctor(Map.of("OPENCODE_URL", "http://127.0.0.1:" + closedPort));

        assertThat(lastExit).isNotZero();
        assertThat(report).anyMatch(line -> line.startsWith("✗ OpenCode reachable"));
        assertThat(report).anyMatch(line -> line.startsWith("✓ websocket authenticates"));
    }

    @Test
    void aStateFileLockedByARunningBridgeFailsItsLine() throws IOException {
        Files.createDirectories(mappingFile.getParent());
        Path lockFile = mappingFile.resolveSibling(mappingFile.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            List<String> report = doctor(Map.of());

            assertThat(lastExit).isNotZero();
            assertThat(report).anyMatch(line -> line.startsWith("✗ state file usable") && line.contains("locked"));
            assertThat(held.isValid()).isTrue();
        }
    }

    /** The doctor's report with the settings a bridge of this test would get, changed by {@code overrides}. */
    private List<String> doctor(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(bridgeEnvironment());
        env.putAll(overrides);
        BridgeProcess doctor = BridgeProcess.start(env, "doctor");
        lastExit = doctor.awaitExit();
        List<String> report = doctor.output();
        assertThat(String.join("\n", report)).doesNotContain(bot.token());
        openCodeServer.password().ifPresent(password -> assertThat(String.join("\n", report)).doesNotContain(password));
        return report;
    }
}
