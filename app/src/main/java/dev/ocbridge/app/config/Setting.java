package dev.ocbridge.app.config;

import java.util.Arrays;
import java.util.List;

/** Every environment variable the bridge reads, with its default and meaning: the source of {@code --help}. */
public enum Setting {
    MATTERMOST_URL("required", "Mattermost server base URL, with or without /api/v4"),
    MATTERMOST_TOKEN("required", "bot access token"),
    MATTERMOST_WS_URL("derived from MATTERMOST_URL", "websocket URL"),
    MATTERMOST_OWNER_USER_ID("required unless OPENCODE_MM_ALLOWED_USERS is set",
            "when set, only this user is served, and threads for sessions started elsewhere go to this user's DM"),
    OPENCODE_MM_ALLOWED_USERS("required unless MATTERMOST_OWNER_USER_ID is set",
            "comma-separated user ids allowed to use the bot when no owner is set"),
    OPENCODE_MM_ALLOW_ANYONE("false",
            "true lets anyone who can message the bot drive the agent; needed to start without an owner or "
                    + "allowed users"),
    OPENCODE_URL("none", "a running `opencode serve`; when absent the bridge starts one itself"),
    OPENCODE_SERVER_PASSWORD("none", "HTTP basic auth password of the OpenCode server; for a server the bridge "
            + "runs itself, a random one at every start when unset"),
    OPENCODE_BIN("opencode", "the OpenCode binary started when OPENCODE_URL is absent"),
    OPENCODE_MM_DIRECTORY("where the OpenCode server works",
            "where sessions started from chat work: an absolute path on the OpenCode server's machine; without "
                    + "OPENCODE_URL, where the bridge starts opencode serve (default: the bridge's working directory)"),
    OPENCODE_MM_MAPPING_FILE("$XDG_CONFIG_HOME/opencode/mattermost-threads.json, else "
            + "~/.config/opencode/mattermost-threads.json", "the durable state file; ~ is $HOME"),
    OPENCODE_MM_KEEP_ENDED("30d", "the mapping of an ended session's thread is forgotten this long after it ended "
            + "(e.g. 7d, 720h, P30D); a reply in its thread is then told it reaches no session"),
    OPENCODE_MM_MAIN_DM_PROMPT("new-session",
            "what a top-level DM does: new-session, recent-session or reject"),
    OPENCODE_MM_AUTO_CREATE_SESSION("true", "false is the same as OPENCODE_MM_MAIN_DM_PROMPT=reject"),
    OPENCODE_MM_ADOPT_WINDOW("1h",
            "at start, sessions without a thread that were active this recently get one (e.g. 30m, 2h, 1d, PT1H)"),
    OPENCODE_MM_EDIT_INTERVAL_MS("1000",
            "least time between two updates of a run's posts (runs longer than two minutes update less often)"),
    OPENCODE_MM_MAX_POST_LENGTH("15000", "answer text longer than this continues in a new post (at most 16383)"),
    OPENCODE_MM_MAX_FILE_MB("10", "files attached to a prompt larger than this many MB (MiB) are not sent (0-100)"),
    OPENCODE_MM_PROGRESS("full",
            "what threads show of the agent's work: full (every tool call, shell output, todo list), compact (one "
                    + "activity post per run) or off (answers, questions and permission requests only)"),
    OPENCODE_MM_SHOW_REASONING("false", "true shows the model's reasoning, quoted, above its answer"),
    OPENCODE_MM_LOG_LEVEL("info", "log level: error, warn, info, debug or trace"),
    OPENCODE_MM_LOG_FORMAT("text", "log format: text, or json for one JSON object per line"),
    OPENCODE_MM_HTTP_ADDRESS("127.0.0.1:9321",
            "host:port of /healthz, /readyz and /metrics (port 0: any free port, logged at start); off disables");

    /** Prefixes of the bridge's variables, those of later versions included. */
    private static final List<String> BRIDGE_PREFIXES = List.of("MATTERMOST_", "OPENCODE_MM_");

    private final String defaultValue;
    private final String meaning;

    Setting(String defaultValue, String meaning) {
        this.defaultValue = defaultValue;
        this.meaning = meaning;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String meaning() {
        return meaning;
    }

    /** Whether an environment variable is one of the bridge's own settings or secrets. */
    public static boolean isBridgeVariable(String name) {
        return BRIDGE_PREFIXES.stream().anyMatch(name::startsWith)
                || Arrays.stream(values()).anyMatch(setting -> setting.name().equals(name));
    }
}
