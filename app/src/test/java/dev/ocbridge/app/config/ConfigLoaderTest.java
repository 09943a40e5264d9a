package dev.ocbridge.app.config;

import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.progress.ProgressMode;
import dev.ocbridge.core.progress.ProgressSettings;
import dev.ocbridge.core.settings.MainDmMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    @TempDir
    Path workingDirectory;
    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>(Map.of(
            "MATTERMOST_URL", "https://chat.example.com",
            "MATTERMOST_TOKEN", "tok-secret-123"));

    @Test
    void onlyTheTwoRequiredSettingsGiveTheDocumentedDefaults() {
        BridgeConfig config = load();

        assertThat(config.mattermostUrl()).isEqualTo(URI.create("https://chat.example.com"));
        assertThat(config.mattermostWebsocketUrl()).isEmpty();
        assertThat(config.owner()).isEmpty();
        assertThat(config.allowedUsers()).isEmpty();
        assertThat(config.openCodeUrl()).isEmpty();
        assertThat(config.openCodeBinary()).isEqualTo("opencode");
        assertThat(config.directory()).isEqualTo(workingDirectory.toAbsolutePath().normalize());
        assertThat(config.mappingFile()).isEqualTo(home.resolve(".config/opencode/mattermost-threads.json"));
        assertThat(config.mainDmMode()).isEqualTo(MainDmMode.NEW_SESSION);
        assertThat(config.adoptWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(config.editInterval()).isEqualTo(Duration.ofMillis(1000));
        assertThat(config.maxPostLength()).isEqualTo(15_000);
        assertThat(config.progress()).isEqualTo(new ProgressSettings(ProgressMode.FULL, false));
    }

    @Test
    void progressAndReasoningAreRead() {
        env.put("OPENCODE_MM_PROGRESS", "Compact");
        env.put("OPENCODE_MM_SHOW_REASONING", "yes");

        assertThat(load().progress()).isEqualTo(new ProgressSettings(ProgressMode.COMPACT, true));
    }

    @Test
    void anUnknownProgressModeIsRefusedNamingTheChoices() {
        env.put("OPENCODE_MM_PROGRESS", "verbose");

        assertThatThrownBy(this::load)
                .hasMessage("OPENCODE_MM_PROGRESS must be full, compact or off, got 'verbose'");
    }

    @Test
    void aMissingRequiredSettingIsNamed() {
        env.remove("MATTERMOST_TOKEN");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage("MATTERMOST_TOKEN is required but not set");
    }

    @Test
    void anInvalidUrlIsNamedWithoutLeakingTheToken() {
        env.put("MATTERMOST_URL", "chat.example.com");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("MATTERMOST_URL ")
                .hasMessageNotContaining("tok-secret-123");
    }

    @Test
    void theTokenNeverAppearsWhenTheConfigIsPrinted() {
        env.put("OPENCODE_SERVER_PASSWORD", "pw-secret-456");

        String printed = load().toString();

        assertThat(printed).doesNotContain("tok-secret-123").doesNotContain("pw-secret-456");
    }

    @Test
    void ownerAllowedUsersAndModesAreRead() {
        env.put("MATTERMOST_OWNER_USER_ID", "owner1");
        env.put("OPENCODE_MM_ALLOWED_USERS", " a1, b2 ,,");
        env.put("OPENCODE_MM_MAIN_DM_PROMPT", "recent-session");
        env.put("OPENCODE_MM_ADOPT_WINDOW", "30m");
        env.put("OPENCODE_MM_EDIT_INTERVAL_MS", "250");
        env.put("OPENCODE_MM_MAX_POST_LENGTH", "16383");

        BridgeConfig config = load();

        assertThat(config.owner()).isEqualTo(Optional.of(new UserId("owner1")));
        assertThat(config.allowedUsers()).isEqualTo(Set.of(new UserId("a1"), new UserId("b2")));
        assertThat(config.mainDmMode()).isEqualTo(MainDmMode.RECENT_SESSION);
        assertThat(config.adoptWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.editInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.maxPostLength()).isEqualTo(16_383);
    }

    @Test
    void autoCreateOffMeansReject() {
        env.put("OPENCODE_MM_AUTO_CREATE_SESSION", "false");

        assertThat(load().mainDmMode()).isEqualTo(MainDmMode.REJECT);
    }

    @Test
    void autoCreateOffContradictingAnExplicitModeIsRefused() {
        env.put("OPENCODE_MM_AUTO_CREATE_SESSION", "false");
        env.put("OPENCODE_MM_MAIN_DM_PROMPT", "new-session");

        assertThatThrownBy(this::load).hasMessageStartingWith("OPENCODE_MM_AUTO_CREATE_SESSION is false");
    }

    @Test
    void aPostLengthAboveMattermostsLimitIsRefused() {
        env.put("OPENCODE_MM_MAX_POST_LENGTH", "16384");

        assertThatThrownBy(this::load).hasMessage("OPENCODE_MM_MAX_POST_LENGTH must be between 100 and 16383, got 16384");
    }

    @Test
    void aDirectoryThatDoesNotExistIsRefused() {
        env.put("OPENCODE_MM_DIRECTORY", workingDirectory.resolve("nope").toString());

        assertThatThrownBy(this::load).hasMessageStartingWith("OPENCODE_MM_DIRECTORY is not an existing directory");
    }

    @Test
    void aTildeInTheMappingFileMeansHome() {
        env.put("OPENCODE_MM_MAPPING_FILE", "~/state/threads.json");

        assertThat(load().mappingFile()).isEqualTo(home.resolve("state/threads.json"));
    }

    @Test
    void isoDurationsAreAcceptedAndNonsenseIsNamed() {
        env.put("OPENCODE_MM_ADOPT_WINDOW", "PT2H");
        assertThat(load().adoptWindow()).isEqualTo(Duration.ofHours(2));

        env.put("OPENCODE_MM_ADOPT_WINDOW", "soon");
        assertThatThrownBy(this::load).hasMessageStartingWith("OPENCODE_MM_ADOPT_WINDOW must be a duration");
    }

    private BridgeConfig load() {
        return new ConfigLoader(env, workingDirectory, home).load();
    }
}
