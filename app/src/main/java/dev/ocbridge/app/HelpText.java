package dev.ocbridge.app;

import dev.ocbridge.app.config.Setting;

/** The text of {@code --help}: what the bridge is and the configuration table. */
final class HelpText {
    private HelpText() {
    }

    static String render(String version) {
        StringBuilder help = new StringBuilder()
                .append("opencode-mattermost-bridge ").append(version).append("\n\n")
                .append("Drive OpenCode sessions from Mattermost: every session gets a thread in your DM with the bot;\n")
                .append("replies in the thread are prompts for that session and its answers stream back.\n\n")
                .append("Usage: java -jar opencode-mattermost-bridge.jar [--help | --version | doctor]\n")
                .append("  (no argument)  run the bridge until stopped\n")
                .append("  doctor         check the configuration and everything it points at, one line each\n\n")
                .append("Configuration (environment variables):\n\n")
                .append("| variable | default | meaning |\n")
                .append("|---|---|---|\n");
        for (Setting setting : Setting.values()) {
            help.append("| `").append(setting.name()).append("` | ").append(setting.defaultValue()).append(" | ")
                    .append(setting.meaning()).append(" |\n");
        }
        return help.toString();
    }
}
