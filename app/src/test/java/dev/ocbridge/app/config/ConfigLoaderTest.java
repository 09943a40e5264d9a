package dev.ocbridge.app.config;

import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.progress.ProgressMode;
import dev.ocbridge.core.progress.ProgressSettings;
import dev.ocbridge.core.settings.MainDmMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
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
            "MATTERMOST_TOKEN", "tok-secret-123",
            "MATTERMOST_OWNER_USER_ID", "owner1"));

    @Test
    void theRequiredSettingsAndAnOwnerGiveTheDocumentedDefaults() {
        BridgeConfig config = load();

        assertThat(config.mattermostUrl()).isEqualTo(URI.create("https://chat.example.com"));
        assertThat(config.mattermostWebsocketUrl()).isEmpty();
        assertThat(config.owner()).contains(new UserId("owner1"));
        assertThat(config.allowedUsers()).isEmpty();
        assertThat(config.allowAnyone()).isFalse();
        assertThat(config.openCodeUrl()).isEmpty();
        assertThat(config.openCodeBinary()).isEqualTo("opencode");
        assertThat(config.directory()).as("sessions go where the server works").isEmpty();
        assertThat(config.supervisedDirectory()).isEqualTo(workingDirectory.toAbsolutePath().normalize());
        assertThat(config.mappingFile()).isEqualTo(home.resolve(".config/opencode/mattermost-threads.json"));
        assertThat(config.mainDmMode()).isEqualTo(MainDmMode.NEW_SESSION);
        assertThat(config.adoptWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(config.keepEnded()).isEqualTo(Duration.ofDays(30));
        assertThat(config.editInterval()).isEqualTo(Duration.ofMillis(1000));
        assertThat(config.maxPostLength()).isEqualTo(15_000);
        assertThat(config.maxFileBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(config.progress()).isEqualTo(new ProgressSettings(ProgressMode.FULL, false));
    }

    @Test
    void theFileSizeLimitIsInMebibytesAndBounded() {
        env.put("OPENCODE_MM_MAX_FILE_MB", "0");
        assertThat(load().maxFileBytes()).isZero();

        env.put("OPENCODE_MM_MAX_FILE_MB", "101");
        assertThatThrownBy(this::load).hasMessage("OPENCODE_MM_MAX_FILE_MB must be between 0 and 100, got 101");
    }

    @Test
    void withoutAnOwnerOrAllowedUsersTheBridgeRefusesToStartNamingBothAndTheWayOut() {
        env.remove("MATTERMOST_OWNER_USER_ID");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("MATTERMOST_OWNER_USER_ID or OPENCODE_MM_ALLOWED_USERS must be set")
                .hasMessageContaining("OPENCODE_MM_ALLOW_ANYONE=true")
                .hasMessageNotContaining("\n");
    }

    @Test
    void allowedUsersAloneAreEnough() {
        env.remove("MATTERMOST_OWNER_USER_ID");
        env.put("OPENCODE_MM_ALLOWED_USERS", "a1");

        BridgeConfig config = load();

        assertThat(config.owner()).isEmpty();
        assertThat(config.allowedUsers()).containsExactly(new UserId("a1"));
        assertThat(config.allowAnyone()).isFalse();
    }

    @Test
    void anyoneMayDriveTheAgentOnlyWhenSaidInAsManyWords() {
        env.remove("MATTERMOST_OWNER_USER_ID");
        env.put("OPENCODE_MM_ALLOW_ANYONE", "false");
        assertThatThrownBy(this::load).hasMessageStartingWith("MATTERMOST_OWNER_USER_ID or OPENCODE_MM_ALLOWED_USERS");

        env.put("OPENCODE_MM_ALLOW_ANYONE", "true");
        assertThat(load().allowAnyone()).isTrue();

        env.put("OPENCODE_MM_ALLOW_ANYONE", "everyone");
        assertThatThrownBy(this::load).hasMessage("OPENCODE_MM_ALLOW_ANYONE must be true or false, got 'everyone'");
    }

    @Test
    void allowingAnyoneBesideNamedPeopleIsAContradictionAndRefused() {
        env.put("OPENCODE_MM_ALLOW_ANYONE", "true");

        assertThatThrownBy(this::load).hasMessageStartingWith("OPENCODE_MM_ALLOW_ANYONE is true, which contradicts");
    }

    @Test
    void aSupervisedServerGetsTheEnvironmentWithoutTheBridgesSettingsAndSecrets() {
        env.put("OPENCODE_SERVER_PASSWORD", "pw-secret-456");
        env.put("OPENCODE_URL", "http://127.0.0.1:4096");
        env.put("OPENCODE_MM_SETTING_OF_A_LATER_VERSION", "x");
        env.put("ANTHROPIC_API_KEY", "sk-for-the-agent");
        env.put("PATH", "/usr/bin");
        env.put("OPENCODE_DISABLE_AUTOUPDATE", "1");

        ServerEnvironment server = load().serverEnvironment();

        assertThat(server.variables()).containsOnlyKeys("ANTHROPIC_API_KEY", "PATH", "OPENCODE_DISABLE_AUTOUPDATE");
        assertThat(server.toString()).doesNotContain("sk-for-the-agent");
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
        env.put("OPENCODE_MM_KEEP_ENDED", "7d");
        env.put("OPENCODE_MM_EDIT_INTERVAL_MS", "250");
        env.put("OPENCODE_MM_MAX_POST_LENGTH", "16383");

        BridgeConfig config = load();

        assertThat(config.owner()).isEqualTo(Optional.of(new UserId("owner1")));
        assertThat(config.allowedUsers()).isEqualTo(Set.of(new UserId("a1"), new UserId("b2")));
        assertThat(config.mainDmMode()).isEqualTo(MainDmMode.RECENT_SESSION);
        assertThat(config.adoptWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.keepEnded()).isEqualTo(Duration.ofDays(7));
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
    void withoutAServerUrlTheServerStartsInTheDirectoryWhichMustExistHere() {
        env.put("OPENCODE_MM_DIRECTORY", workingDirectory.resolve("nope").toString());

        assertThatThrownBy(this::load).hasMessageStartingWith("OPENCODE_MM_DIRECTORY is not an existing directory");
    }

    @Test
    void withoutAServerUrlARelativeDirectoryIsTheBridgesAndSessionsGoWhereTheServerStarts() throws IOException {
        Files.createDirectories(workingDirectory.resolve("project"));
        env.put("OPENCODE_MM_DIRECTORY", "project");

        BridgeConfig config = load();

        assertThat(config.supervisedDirectory()).isEqualTo(workingDirectory.resolve("project").toAbsolutePath());
        assertThat(config.directory()).isEmpty();
    }

    @Test
    void withAServerUrlTheDirectoryIsOnTheServersMachineAndNotLookedForHere() {
        env.put("OPENCODE_URL", "http://opencode.internal:4096");
        env.put("OPENCODE_MM_DIRECTORY", "/srv/projects/shop/");

        assertThat(load().directory()).contains("/srv/projects/shop");
    }

    @Test
    void withAServerUrlADirectoryThatIsNotAbsoluteIsRefused() {
        env.put("OPENCODE_URL", "http://opencode.internal:4096");
        for (String relative : new String[] {"shop", "./shop", "~/shop"}) {
            env.put("OPENCODE_MM_DIRECTORY", relative);

            assertThatThrownBy(this::load).hasMessage("OPENCODE_MM_DIRECTORY must be an absolute path on the "
                    + "OpenCode server's machine when OPENCODE_URL is set, got '" + relative + "'");
        }
    }

    @Test
    void aTildeInTheMappingFileMeansHome() {
        env.put("OPENCODE_MM_MAPPING_FILE", "~/state/threads.json");

        assertThat(load().mappingFile()).isEqualTo(home.resolve("state/threads.json"));
    }

    @Test
    void theHomeVariableWinsOverTheAccountsHome(@TempDir Path serviceHome) {
        env.put("HOME", serviceHome.toString());

        assertThat(load().mappingFile()).isEqualTo(serviceHome.resolve(".config/opencode/mattermost-threads.json"));
        env.put("OPENCODE_MM_MAPPING_FILE", "~/threads.json");
        assertThat(load().mappingFile()).isEqualTo(serviceHome.resolve("threads.json"));
    }

    @Test
    void theDefaultStateFileFollowsXdgConfigHome(@TempDir Path configHome) {
        env.put("XDG_CONFIG_HOME", configHome.toString());

        assertThat(load().mappingFile()).isEqualTo(configHome.resolve("opencode/mattermost-threads.json"));
    }

    @Test
    void aRelativeHomeOrXdgConfigHomeIsIgnoredAsTheBaseDirectoryRulesSay() {
        env.put("HOME", "relative/home");
        env.put("XDG_CONFIG_HOME", "relative/config");

        assertThat(load().mappingFile()).isEqualTo(home.resolve(".config/opencode/mattermost-threads.json"));
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
