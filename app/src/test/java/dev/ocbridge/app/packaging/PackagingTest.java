package dev.ocbridge.app.packaging;

import dev.ocbridge.app.config.Setting;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The files in {@code packaging/}: the example environment file follows the settings, the unit is valid. */
class PackagingTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    private static final Path ENVIRONMENT_FILE = ROOT.resolve("packaging/opencode-mattermost-bridge.env");
    private static final Path UNIT = ROOT.resolve("packaging/opencode-mattermost-bridge.service");
    /** Placeholders for what has no default: the file must be edited before use. */
    private static final Map<Setting, String> EXAMPLES = Map.of(
            Setting.MATTERMOST_URL, "https://chat.example.com",
            Setting.MATTERMOST_TOKEN, "replace-with-the-bot-access-token",
            Setting.MATTERMOST_OWNER_USER_ID, "replace-with-your-user-id");

    @Test
    void theExampleEnvironmentFileNamesAndExplainsEverySetting() throws IOException {
        String expected = exampleEnvironmentFile();
        Path generated = ROOT.resolve("app/target/opencode-mattermost-bridge.env");
        Files.createDirectories(generated.getParent());
        Files.writeString(generated, expected);

        assertThat(Files.readString(ENVIRONMENT_FILE))
                .as("packaging/opencode-mattermost-bridge.env follows app.config.Setting; to update it, copy "
                        + ROOT.relativize(generated) + " over it")
                .isEqualTo(expected);
    }

    @Test
    void systemdAcceptsTheUnit() throws IOException, InterruptedException {
        assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed here; the unit was not verified");
        Path unit = Files.createTempDirectory("unit").resolve(UNIT.getFileName());
        String text = Files.readString(UNIT);
        if (!Files.isExecutable(Path.of("/usr/bin/java"))) {
            // Verification checks that ExecStart's program exists; this machine keeps its Java elsewhere.
            text = text.replace("/usr/bin/java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
        Files.writeString(unit, text);

        Process verify = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true)
                .start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(verify.exitValue()).as(output).isZero();
        assertThat(output.lines().filter(line -> line.contains(unit.getFileName().toString()))).as(output).isEmpty();
    }

    @Test
    void theUnitIsHardenedAsDocumented() throws IOException {
        List<String> lines = Files.readAllLines(UNIT);

        assertThat(lines).contains("NoNewPrivileges=true", "ProtectSystem=strict", "ProtectHome=true",
                "PrivateTmp=true", "Restart=on-failure", "StateDirectory=opencode-mattermost-bridge",
                "EnvironmentFile=/etc/opencode-mattermost-bridge/bridge.env");
    }

    static String exampleEnvironmentFile() {
        StringBuilder file = new StringBuilder()
                .append("# Settings of opencode-mattermost-bridge, one NAME=value a line (systemd's EnvironmentFile=).\n")
                .append("# `java -jar opencode-mattermost-bridge.jar --help` explains the same settings. This file holds\n")
                .append("# the bot token: keep it readable by root and the service user only (chmod 600).\n")
                .append("# Generated from app.config.Setting (PackagingTest checks it); a line starting with # is unset.\n");
        for (Setting setting : Setting.values()) {
            file.append("\n# ").append(setting.meaning()).append(setting.defaultValue().startsWith("required")
                    ? " (" + setting.defaultValue() + ")" : " (default: " + setting.defaultValue() + ")").append('\n');
            String example = EXAMPLES.get(setting);
            if (example != null) {
                file.append(setting.name()).append('=').append(example).append('\n');
            } else {
                file.append('#').append(setting.name()).append('=').append(literalDefault(setting)).append('\n');
            }
        }
        return file.toString();
    }

    /** A default that is a value ("500"), not a description ("derived from MATTERMOST_URL", "none"). */
    private static String literalDefault(Setting setting) {
        String value = setting.defaultValue();
        return value.equals("none") || value.equals("required") || value.contains(" ") ? "" : value;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(":")).stream()
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }
}
