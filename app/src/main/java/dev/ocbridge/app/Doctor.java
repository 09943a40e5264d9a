package dev.ocbridge.app;

import dev.ocbridge.adapter.mattermost.MattermostConnection;
import dev.ocbridge.adapter.mattermost.MattermostSettings;
import dev.ocbridge.adapter.mattermost.MattermostTimings;
import dev.ocbridge.adapter.opencode.OpenCodeConnection;
import dev.ocbridge.adapter.opencode.OpenCodeSettings;
import dev.ocbridge.adapter.opencode.process.OpenCodeProcessSettings;
import dev.ocbridge.adapter.opencode.process.OpenCodeServerSupervisor;
import dev.ocbridge.adapter.opencode.server.ServerAccess;
import dev.ocbridge.adapter.opencode.server.ServerLocation;
import dev.ocbridge.adapter.persistence.StateFileCheck;
import dev.ocbridge.app.config.BridgeConfig;
import dev.ocbridge.app.config.ConfigException;
import dev.ocbridge.app.config.ConfigLoader;
import dev.ocbridge.app.config.Secret;
import dev.ocbridge.app.ops.MicrometerMetricsAdapter;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.ModelRef;
import dev.ocbridge.core.domain.ProviderInfo;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.error.UnauthorizedException;
import dev.ocbridge.core.port.out.MetricsPort;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code doctor}: reads the configuration the bridge would read and checks, one line each, what it needs,
 * without starting it. Exit code 0 only when every check passes. Nothing it prints contains a secret (the
 * caller's stream masks them as the logs do).
 */
final class Doctor {
    private static final Duration WEBSOCKET_TIMEOUT = Duration.ofSeconds(10);
    private static final MattermostTimings IMPATIENT = MattermostTimings.defaults()
            .withRetry(Duration.ofMillis(200), Duration.ofSeconds(1), 2);

    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Path home;
    private final PrintStream out;
    private final MetricsPort uncounted = new MicrometerMetricsAdapter(new SimpleMeterRegistry());
    private int failures;

    Doctor(Map<String, String> environment, Path workingDirectory, Path home, PrintStream out) {
        this.environment = environment;
        this.workingDirectory = workingDirectory;
        this.home = home;
        this.out = out;
    }

    int run() {
        BridgeConfig config;
        try {
            config = new ConfigLoader(environment, workingDirectory, home).load();
        } catch (ConfigException e) {
            fail("settings valid", e.getMessage(), "see --help for every setting");
            return Main.FAILED;
        }
        pass("settings valid", "Mattermost " + config.mattermostUrl() + ", OpenCode "
                + config.openCodeUrl().map(URI::toString).orElse("started by the bridge (" + config.openCodeBinary() + ")"));
        checkMattermost(config);
        checkOpenCode(config);
        checkStateFile(config);
        checkHttpAddress(config);
        out.println(failures == 0 ? "All checks passed." : failures + " check(s) failed.");
        return failures == 0 ? Main.OK : Main.FAILED;
    }

    private void checkMattermost(BridgeConfig config) {
        try (MattermostConnection mattermost = MattermostConnection.open(new MattermostSettings(config.mattermostUrl(),
                config.mattermostWebsocketUrl().orElse(null), config.mattermostToken().value()), IMPATIENT, uncounted)) {
            try {
                pass("Mattermost reachable", config.mattermostUrl() + mattermost.serverVersion()
                        .map(version -> ", server version " + version).orElse(""));
            } catch (BridgeException e) {
                fail("Mattermost reachable", e.getMessage(), "check MATTERMOST_URL and that the server is up");
                notChecked("Mattermost token accepted", "owner and allowed users exist", "owner's DM can be opened",
                        "websocket authenticates");
                return;
            }
            ChatUser bot;
            try {
                bot = mattermost.chat().me();
                pass("Mattermost token accepted", "signed in as @" + bot.username()
                        + (bot.bot() ? " (a bot account)" : " (not a bot account: a bot is recommended)"));
            } catch (UnauthorizedException e) {
                fail("Mattermost token accepted", e.getMessage(), "create a new bot access token for MATTERMOST_TOKEN");
                notChecked("owner and allowed users exist", "owner's DM can be opened", "websocket authenticates");
                return;
            } catch (BridgeException e) {
                fail("Mattermost token accepted", e.getMessage(), "check the server's logs");
                return;
            }
            checkPeople(config, mattermost);
            config.owner().ifPresent(owner -> checkOwnerDm(mattermost, owner));
            try {
                mattermost.checkEventStream(WEBSOCKET_TIMEOUT);
                pass("websocket authenticates", config.mattermostWebsocketUrl()
                        .map(URI::toString).orElse("at the server's /api/v4/websocket"));
            } catch (BridgeException e) {
                fail("websocket authenticates", e.getMessage(),
                        "a proxy in front of Mattermost must pass websocket upgrades; or set MATTERMOST_WS_URL");
            }
        }
    }

    private void checkPeople(BridgeConfig config, MattermostConnection mattermost) {
        List<UserId> people = new ArrayList<>();
        config.owner().ifPresent(people::add);
        people.addAll(config.allowedUsers());
        if (people.isEmpty()) {
            pass("owner and allowed users exist", "none named, and OPENCODE_MM_ALLOW_ANYONE=true: anyone who can "
                    + "message the bot drives the agent");
            return;
        }
        List<String> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (UserId person : people) {
            try {
                found.add("@" + mattermost.chat().user(person).username());
            } catch (NotFoundException e) {
                missing.add(person.value());
            } catch (BridgeException e) {
                missing.add(person.value() + " (" + e.getMessage() + ")");
            }
        }
        if (missing.isEmpty()) {
            pass("owner and allowed users exist", String.join(", ", found));
        } else {
            fail("owner and allowed users exist", "no such user: " + String.join(", ", missing),
                    "use user ids (26 characters, from the user's profile or the API), not usernames");
        }
    }

    private void checkOwnerDm(MattermostConnection mattermost, UserId owner) {
        try {
            pass("owner's DM can be opened", "channel " + mattermost.chat().directChannelWith(owner));
        } catch (BridgeException e) {
            fail("owner's DM can be opened", e.getMessage(), "the bot needs permission to create direct channels");
        }
    }

    private void checkOpenCode(BridgeConfig config) {
        Optional<OpenCodeServerSupervisor> supervised = Optional.empty();
        URI url;
        ServerLocation server;
        if (config.openCodeUrl().isPresent()) {
            url = config.openCodeUrl().get();
            server = ServerLocation.fixed(new ServerAccess(url, config.openCodePassword().map(Secret::value)
                    .orElse(null)));
        } else {
            // No pid file: a bridge may be running, and its server is none of this check's business.
            OpenCodeServerSupervisor supervisor = new OpenCodeServerSupervisor(OpenCodeProcessSettings.of(
                    config.openCodeBinary(), config.directory(),
                    config.openCodePassword().map(Secret::value).orElse(null), config.serverEnvironment().variables()));
            try {
                url = supervisor.start();
                server = supervisor;
                supervised = Optional.of(supervisor);
            } catch (RuntimeException e) {
                fail("OpenCode reachable", "could not start " + config.openCodeBinary() + " serve: " + e.getMessage(),
                        "install OpenCode (npm i -g opencode-ai), set OPENCODE_BIN, or set OPENCODE_URL");
                notChecked("OpenCode credentials accepted", "a provider and default model configured");
                return;
            }
        }
        try (OpenCodeConnection openCode = new OpenCodeConnection(new OpenCodeSettings(server,
                config.directory().toString()), uncounted)) {
            checkOpenCodeServer(openCode, url, supervised.isPresent());
        } finally {
            supervised.ifPresent(OpenCodeServerSupervisor::stop);
        }
    }

    private void checkOpenCodeServer(OpenCodeConnection openCode, URI url, boolean supervised) {
        String where = supervised ? "started for this check at " + url : url.toString();
        try {
            pass("OpenCode reachable", where + ", version " + openCode.serverVersion());
        } catch (UnauthorizedException e) {
            pass("OpenCode reachable", where);
            fail("OpenCode credentials accepted", e.getMessage(), "set OPENCODE_SERVER_PASSWORD to the server's password");
            notChecked("a provider and default model configured");
            return;
        } catch (BridgeException e) {
            fail("OpenCode reachable", e.getMessage(), "check OPENCODE_URL and that opencode serve runs");
            notChecked("OpenCode credentials accepted", "a provider and default model configured");
            return;
        }
        List<ProviderInfo> providers;
        List<ModelRef> defaults;
        try {
            providers = openCode.sessionPort().providers();
            defaults = openCode.defaultModels();
            pass("OpenCode credentials accepted", "the server answered an authenticated request");
        } catch (UnauthorizedException e) {
            fail("OpenCode credentials accepted", e.getMessage(), "set OPENCODE_SERVER_PASSWORD to the server's password");
            notChecked("a provider and default model configured");
            return;
        } catch (BridgeException e) {
            fail("OpenCode credentials accepted", e.getMessage(), "check the OpenCode server's log");
            notChecked("a provider and default model configured");
            return;
        }
        if (providers.isEmpty() || defaults.isEmpty()) {
            fail("a provider and default model configured", providers.isEmpty() ? "no provider is configured"
                            : "no provider names a default model",
                    "run `opencode auth login`, or configure a provider and `model` in opencode.json");
        } else {
            pass("a provider and default model configured", providers.stream().map(ProviderInfo::id)
                    .collect(Collectors.joining(", ")) + "; default " + defaults.stream().map(ModelRef::toString)
                    .collect(Collectors.joining(", ")));
        }
    }

    private void checkStateFile(BridgeConfig config) {
        try {
            pass("state file usable", config.mappingFile() + ": " + StateFileCheck.inspect(config.mappingFile()));
        } catch (BridgeException e) {
            fail("state file usable", e.getMessage(),
                    "stop the other bridge, fix the file's permissions, or set OPENCODE_MM_MAPPING_FILE");
        }
    }

    private void checkHttpAddress(BridgeConfig config) {
        if (config.httpAddress().isEmpty()) {
            pass("HTTP address free", "the endpoint is off");
            return;
        }
        InetSocketAddress address = config.httpAddress().get();
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(address);
            pass("HTTP address free", address.getHostString() + ":" + address.getPort());
        } catch (IOException e) {
            fail("HTTP address free", address.getHostString() + ":" + address.getPort() + " cannot be bound ("
                    + e.getMessage() + ")", "stop what listens there, or set OPENCODE_MM_HTTP_ADDRESS (off disables)");
        }
    }

    private void pass(String check, String detail) {
        out.println("✓ " + check + ": " + detail);
    }

    private void fail(String check, String detail, String hint) {
        failures++;
        out.println("✗ " + check + ": " + detail + " (hint: " + hint + ")");
    }

    private void notChecked(String... checks) {
        for (String check : checks) {
            failures++;
            out.println("✗ " + check + ": not checked, see above");
        }
    }

    /** What {@code doctor} must never print: the configured secrets, as the logs mask them. */
    static List<String> secretsIn(Map<String, String> environment) {
        return LogSetup.secrets(Optional.ofNullable(environment.get("MATTERMOST_TOKEN")).map(String::strip),
                Optional.ofNullable(environment.get("OPENCODE_SERVER_PASSWORD")).map(String::strip));
    }
}
