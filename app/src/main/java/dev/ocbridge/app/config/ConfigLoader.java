package dev.ocbridge.app.config;

import dev.ocbridge.core.domain.ServerPaths;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.progress.ProgressMode;
import dev.ocbridge.core.progress.ProgressSettings;
import dev.ocbridge.core.settings.MainDmMode;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and validates the settings; the first problem found is reported naming its setting. {@code ~} and
 * the default state file follow {@code $HOME} and {@code $XDG_CONFIG_HOME}, as other command-line tools do, so
 * a service started with its own {@code HOME} keeps its state there.
 */
public final class ConfigLoader {
    /** Mattermost refuses longer posts. */
    public static final int MATTERMOST_POST_LIMIT = 16_383;
    private static final long MEBIBYTE = 1024L * 1024L;

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Set<String> LOG_LEVELS = Set.of("error", "warn", "info", "debug", "trace");
    /** {@code host:port}, the host a name, an IPv4 address or an IPv6 address in brackets. */
    private static final Pattern HOST_AND_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^\\s:\\[\\]]+):(\\d{1,5})");
    public static final String DEFAULT_HTTP_ADDRESS = "127.0.0.1:9321";

    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Path home;

    /** {@code accountHome} (the password database's) counts only when {@code HOME} is not set. */
    public ConfigLoader(Map<String, String> environment, Path workingDirectory, Path accountHome) {
        this.environment = environment;
        this.workingDirectory = workingDirectory;
        this.home = absoluteVariable("HOME").orElse(accountHome);
    }

    public BridgeConfig load() {
        MainDmMode mainDmMode = mainDmMode();
        URI mattermostUrl = httpUrl(Setting.MATTERMOST_URL, required(Setting.MATTERMOST_URL));
        Secret token = new Secret(required(Setting.MATTERMOST_TOKEN));
        Optional<UserId> owner = optional(Setting.MATTERMOST_OWNER_USER_ID).map(UserId::new);
        Set<UserId> allowedUsers = allowedUsers();
        boolean allowAnyone = allowAnyone(owner.isPresent() || !allowedUsers.isEmpty());
        Optional<URI> openCodeUrl = optional(Setting.OPENCODE_URL).map(value -> httpUrl(Setting.OPENCODE_URL, value));
        return new BridgeConfig(
                mattermostUrl,
                token,
                optional(Setting.MATTERMOST_WS_URL).map(value -> websocketUrl(Setting.MATTERMOST_WS_URL, value)),
                owner,
                allowedUsers,
                allowAnyone,
                openCodeUrl,
                optional(Setting.OPENCODE_SERVER_PASSWORD).map(Secret::new),
                optional(Setting.OPENCODE_BIN).orElse("opencode"),
                openCodeUrl.isPresent() ? directoryOnTheServer() : Optional.empty(),
                openCodeUrl.isPresent() ? workingDirectory : supervisedDirectory(),
                optional(Setting.OPENCODE_MM_MAPPING_FILE).map(this::path).orElseGet(this::defaultMappingFile),
                duration(Setting.OPENCODE_MM_KEEP_ENDED, Duration.ofDays(30)),
                mainDmMode,
                duration(Setting.OPENCODE_MM_ADOPT_WINDOW, Duration.ofHours(1)),
                Duration.ofMillis(integer(Setting.OPENCODE_MM_EDIT_INTERVAL_MS, 1_000, 0, 60_000)),
                integer(Setting.OPENCODE_MM_MAX_POST_LENGTH, 15_000, 100, MATTERMOST_POST_LIMIT),
                new ProgressSettings(progressMode(), optional(Setting.OPENCODE_MM_SHOW_REASONING)
                        .map(value -> bool(Setting.OPENCODE_MM_SHOW_REASONING, value)).orElse(false)),
                logLevel(),
                logFormat(),
                httpAddress(),
                ServerEnvironment.from(environment),
                integer(Setting.OPENCODE_MM_MAX_FILE_MB, 10, 0, 100) * MEBIBYTE);
    }

    private Optional<String> optional(Setting setting) {
        String value = environment.get(setting.name());
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private String required(Setting setting) {
        return optional(setting).orElseThrow(() -> new ConfigException(setting, "is required but not set"));
    }

    private static URI httpUrl(Setting setting, String value) {
        URI uri = uri(setting, value);
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new ConfigException(setting, "must be an http:// or https:// URL, got '" + value + "'");
        }
        return uri;
    }

    private static URI websocketUrl(Setting setting, String value) {
        URI uri = uri(setting, value);
        if (!"ws".equalsIgnoreCase(uri.getScheme()) && !"wss".equalsIgnoreCase(uri.getScheme())) {
            throw new ConfigException(setting, "must be a ws:// or wss:// URL, got '" + value + "'");
        }
        return uri;
    }

    private static URI uri(Setting setting, String value) {
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null) {
                throw new ConfigException(setting, "must be an absolute URL with a host, got '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(setting, "is not a valid URL: '" + value + "'");
        }
    }

    private Set<UserId> allowedUsers() {
        return optional(Setting.OPENCODE_MM_ALLOWED_USERS)
                .map(list -> Arrays.stream(list.split(","))
                        .map(String::strip)
                        .filter(id -> !id.isEmpty())
                        .map(UserId::new)
                        .collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    /**
     * Closed by default: without an owner or allowed users the bridge would serve whoever can message the bot,
     * so it starts that way only when told so in as many words; told so beside a list of people, it refuses the
     * contradiction rather than guess.
     */
    private boolean allowAnyone(boolean somebodyNamed) {
        boolean anyone = optional(Setting.OPENCODE_MM_ALLOW_ANYONE)
                .map(value -> bool(Setting.OPENCODE_MM_ALLOW_ANYONE, value))
                .orElse(false);
        if (anyone && somebodyNamed) {
            throw new ConfigException(Setting.OPENCODE_MM_ALLOW_ANYONE, "is true, which contradicts "
                    + "MATTERMOST_OWNER_USER_ID or OPENCODE_MM_ALLOWED_USERS; set only one of them");
        }
        if (!anyone && !somebodyNamed) {
            throw new ConfigException(Setting.MATTERMOST_OWNER_USER_ID, "or OPENCODE_MM_ALLOWED_USERS must be set: "
                    + "nobody else may drive the agent (set OPENCODE_MM_ALLOW_ANYONE=true to let anyone who can "
                    + "message the bot do so)");
        }
        return anyone;
    }

    /**
     * With {@code OPENCODE_URL} the directory is on the server's machine, perhaps another one: it is not looked
     * for here (the server says whether it can work there), and neither this machine's {@code ~} nor its working
     * directory means anything there.
     */
    private Optional<String> directoryOnTheServer() {
        Optional<String> directory = optional(Setting.OPENCODE_MM_DIRECTORY);
        if (directory.isPresent() && !ServerPaths.isAbsolute(directory.get())) {
            throw new ConfigException(Setting.OPENCODE_MM_DIRECTORY, "must be an absolute path on the OpenCode "
                    + "server's machine when OPENCODE_URL is set, got '" + directory.get() + "'");
        }
        return directory.map(ServerPaths::withoutTrailingSeparator);
    }

    /** Without {@code OPENCODE_URL} the bridge starts {@code opencode serve} here, on this machine. */
    private Path supervisedDirectory() {
        Path directory = optional(Setting.OPENCODE_MM_DIRECTORY).map(this::path).orElse(workingDirectory);
        if (!Files.isDirectory(directory)) {
            throw new ConfigException(Setting.OPENCODE_MM_DIRECTORY, "is not an existing directory: " + directory);
        }
        return directory.toAbsolutePath().normalize();
    }

    /** Next to OpenCode's own configuration, which follows {@code XDG_CONFIG_HOME} too. */
    private Path defaultMappingFile() {
        Path configHome = absoluteVariable("XDG_CONFIG_HOME").orElse(home.resolve(".config"));
        return configHome.resolve("opencode").resolve("mattermost-threads.json");
    }

    /** The XDG base directory rules: a relative value is invalid and ignored, as is an empty one. */
    private Optional<Path> absoluteVariable(String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(value.strip());
            return path.isAbsolute() ? Optional.of(path.normalize()) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private Path path(String value) {
        String expanded = value.equals("~") ? home.toString()
                : value.startsWith("~/") ? home.resolve(value.substring(2)).toString() : value;
        return workingDirectory.resolve(expanded).toAbsolutePath().normalize();
    }

    private MainDmMode mainDmMode() {
        Optional<String> autoCreate = optional(Setting.OPENCODE_MM_AUTO_CREATE_SESSION);
        boolean autoCreateOff = autoCreate.map(value -> !bool(Setting.OPENCODE_MM_AUTO_CREATE_SESSION, value))
                .orElse(false);
        Optional<MainDmMode> explicit = optional(Setting.OPENCODE_MM_MAIN_DM_PROMPT).map(this::mode);
        if (autoCreateOff && explicit.isPresent() && explicit.get() != MainDmMode.REJECT) {
            throw new ConfigException(Setting.OPENCODE_MM_AUTO_CREATE_SESSION,
                    "is false, which contradicts OPENCODE_MM_MAIN_DM_PROMPT=" + optional(
                            Setting.OPENCODE_MM_MAIN_DM_PROMPT).orElseThrow() + "; set only one of them");
        }
        if (autoCreateOff) {
            return MainDmMode.REJECT;
        }
        return explicit.orElse(MainDmMode.NEW_SESSION);
    }

    private MainDmMode mode(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "new-session":
                return MainDmMode.NEW_SESSION;
            case "recent-session":
                return MainDmMode.RECENT_SESSION;
            case "reject":
                return MainDmMode.REJECT;
            default:
                throw new ConfigException(Setting.OPENCODE_MM_MAIN_DM_PROMPT,
                        "must be new-session, recent-session or reject, got '" + value + "'");
        }
    }

    private ProgressMode progressMode() {
        String value = optional(Setting.OPENCODE_MM_PROGRESS).orElse("full");
        switch (value.toLowerCase(Locale.ROOT)) {
            case "full":
                return ProgressMode.FULL;
            case "compact":
                return ProgressMode.COMPACT;
            case "off":
                return ProgressMode.OFF;
            default:
                throw new ConfigException(Setting.OPENCODE_MM_PROGRESS, "must be full, compact or off, got '"
                        + value + "'");
        }
    }

    private static boolean bool(Setting setting, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "1": case "on":
                return true;
            case "false": case "no": case "0": case "off":
                return false;
            default:
                throw new ConfigException(setting, "must be true or false, got '" + value + "'");
        }
    }

    private Duration duration(Setting setting, Duration fallback) {
        Optional<String> value = optional(setting);
        if (value.isEmpty()) {
            return fallback;
        }
        String text = value.get().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT_DURATION.matcher(text);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            switch (matcher.group(2)) {
                case "ms": return Duration.ofMillis(amount);
                case "s": return Duration.ofSeconds(amount);
                case "m": return Duration.ofMinutes(amount);
                case "h": return Duration.ofHours(amount);
                default: return Duration.ofDays(amount);
            }
        }
        try {
            Duration parsed = Duration.parse(value.get().toUpperCase(Locale.ROOT));
            if (parsed.isNegative()) {
                throw new ConfigException(setting, "must not be negative");
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw new ConfigException(setting, "must be a duration such as 30m, 2h, 1d or PT1H, got '"
                    + value.get() + "'");
        }
    }

    private int integer(Setting setting, int fallback, int min, int max) {
        Optional<String> value = optional(setting);
        if (value.isEmpty()) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(setting, "must be a whole number, got '" + value.get() + "'");
        }
        if (parsed < min || parsed > max) {
            throw new ConfigException(setting, "must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }

    private LogFormat logFormat() {
        String format = optional(Setting.OPENCODE_MM_LOG_FORMAT).orElse("text").toLowerCase(Locale.ROOT);
        switch (format) {
            case "text":
                return LogFormat.TEXT;
            case "json":
                return LogFormat.JSON;
            default:
                throw new ConfigException(Setting.OPENCODE_MM_LOG_FORMAT, "must be text or json, got '" + format + "'");
        }
    }

    private Optional<InetSocketAddress> httpAddress() {
        String value = optional(Setting.OPENCODE_MM_HTTP_ADDRESS).orElse(DEFAULT_HTTP_ADDRESS);
        if (value.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        Matcher matcher = HOST_AND_PORT.matcher(value);
        if (!matcher.matches()) {
            throw new ConfigException(Setting.OPENCODE_MM_HTTP_ADDRESS,
                    "must be host:port (such as 127.0.0.1:9321 or [::1]:9321) or off, got '" + value + "'");
        }
        int port = Integer.parseInt(matcher.group(2));
        if (port > 65_535) {
            throw new ConfigException(Setting.OPENCODE_MM_HTTP_ADDRESS, "has no such port: " + port);
        }
        String host = matcher.group(1).replace("[", "").replace("]", "");
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new ConfigException(Setting.OPENCODE_MM_HTTP_ADDRESS, "names a host that cannot be resolved: " + host);
        }
        return Optional.of(address);
    }

    private String logLevel() {
        String level = optional(Setting.OPENCODE_MM_LOG_LEVEL).orElse("info").toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
            throw new ConfigException(Setting.OPENCODE_MM_LOG_LEVEL,
                    "must be one of error, warn, info, debug, trace; got '" + level + "'");
        }
        return level;
    }
}
