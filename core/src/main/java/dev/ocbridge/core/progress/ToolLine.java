package dev.ocbridge.core.progress;

import dev.ocbridge.core.domain.ToolCall;
import dev.ocbridge.core.domain.ToolState;
import dev.ocbridge.core.domain.ToolTarget;
import dev.ocbridge.core.texts.Untrusted;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One tool call on one line: its state, its name, what it acts on and what is known of how it went; a shell
 * command may show the tail of its output below, in a code block. Everything the agent wrote goes through
 * {@link Untrusted}.
 */
final class ToolLine {
    static final int OUTPUT_LINES = 15;
    private static final int OUTPUT_CHARS = 3_000;
    private static final int LINE_CHARS = 300;
    private static final int TARGET_CHARS = 200;
    private static final int ERROR_CHARS = 300;
    private static final Pattern TERMINAL_CODES = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");

    private final String directory;

    /** Paths inside {@code directory} (the session's) are shown relative to it. */
    ToolLine(String directory) {
        this.directory = directory == null ? "" : directory.replaceAll("/+$", "");
    }

    /**
     * @param runEnded a call still pending or running when its run ended will never finish: it shows stopped
     * @param withOutput whether a shell command's output tail is shown below its line
     */
    String render(ToolCall call, Optional<RunProgress.SubAgentActivity> subAgent, boolean runEnded, Instant now,
                  boolean withOutput) {
        boolean stopped = runEnded && !call.state().isFinal();
        StringBuilder line = new StringBuilder(icon(call.state(), stopped)).append(" **")
                .append(Untrusted.inline(call.tool().isBlank() ? "tool" : call.tool())).append("**");
        String target = target(call.details().target());
        if (!target.isEmpty()) {
            line.append(' ').append(target);
        }
        List<String> facts = facts(call, subAgent, stopped, now);
        if (!facts.isEmpty()) {
            line.append(" · ").append(String.join(" · ", facts));
        }
        if (withOutput && call.details().target().kind() == ToolTarget.Kind.COMMAND && !call.output().isBlank()) {
            line.append('\n').append(Untrusted.codeBlock(tail(call.output())));
        }
        return line.toString();
    }

    private static String icon(ToolState state, boolean stopped) {
        if (stopped) {
            return ":stop_sign:";
        }
        switch (state) {
            case COMPLETED:
                return ":white_check_mark:";
            case ERROR:
                return ":x:";
            case RUNNING:
                return ":hourglass_flowing_sand:";
            case PENDING:
            default:
                return ":hourglass:";
        }
    }

    private String target(ToolTarget target) {
        switch (target.kind()) {
            case NONE:
                return "";
            case DESCRIPTION:
                return Untrusted.inline(shortened(target.text()));
            case FILE:
                return Untrusted.code(shortened(relative(target.text())));
            case COMMAND:
            case PATTERN:
            case URL:
            case OTHER:
            default:
                return Untrusted.code(shortened(target.text()));
        }
    }

    private String relative(String path) {
        if (!directory.isEmpty() && path.startsWith(directory + "/") && path.length() > directory.length() + 1) {
            return path.substring(directory.length() + 1);
        }
        return path;
    }

    /** The first line, and not all of a long one: the whole command is the agent's business, not the line's. */
    private static String shortened(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        String first = newline < 0 ? stripped : stripped.substring(0, newline).strip() + " …";
        return first.length() <= TARGET_CHARS ? first : first.substring(0, TARGET_CHARS) + "…";
    }

    private static List<String> facts(ToolCall call, Optional<RunProgress.SubAgentActivity> subAgent, boolean stopped,
                                      Instant now) {
        List<String> facts = new ArrayList<>();
        subAgent.ifPresent(activity -> {
            facts.add(activity.toolCount() == 1 ? "1 tool" : activity.toolCount() + " tools");
            if (activity.isRetrying()) {
                facts.add("retrying the model call");
            }
        });
        call.details().lineChanges().ifPresent(changes -> facts.add(changes.removed() == 0
                ? "+" + changes.added() : "+" + changes.added() + " \u2212" + changes.removed()));
        call.details().exit().filter(code -> code != 0).ifPresent(code -> facts.add("exit " + code));
        if (stopped) {
            facts.add("stopped");
        } else if (call.state() == ToolState.PENDING) {
            facts.add("waiting");
        } else if (call.state() == ToolState.RUNNING) {
            Duration running = call.startedAt() == null ? Duration.ZERO : Duration.between(call.startedAt(), now);
            facts.add(running.toSeconds() >= 1 ? "running " + Amounts.elapsed(running) : "running");
        } else if (call.startedAt() != null && call.endedAt() != null) {
            facts.add(Amounts.elapsed(Duration.between(call.startedAt(), call.endedAt())));
        }
        if (call.state() == ToolState.ERROR && !call.error().isBlank()) {
            String error = call.error().strip();
            facts.add("failed: " + Untrusted.inline(error.length() <= ERROR_CHARS ? error
                    : error.substring(0, ERROR_CHARS) + "…"));
        }
        return facts;
    }

    /** The last lines of the output, each and all of them bounded, without terminal colour codes. */
    static String tail(String output) {
        String[] lines = TERMINAL_CODES.matcher(output).replaceAll("").replace("\r\n", "\n").stripTrailing()
                .split("\n", -1);
        int from = Math.max(0, lines.length - OUTPUT_LINES);
        StringBuilder tail = new StringBuilder(from > 0 ? "…\n" : "");
        for (int i = from; i < lines.length; i++) {
            // A carriage return redraws the line, as progress bars do: what a terminal would show is the last draw.
            String line = lines[i].substring(lines[i].lastIndexOf('\r') + 1);
            tail.append(line.length() <= LINE_CHARS ? line : line.substring(0, LINE_CHARS) + "…");
            if (i < lines.length - 1) {
                tail.append('\n');
            }
        }
        return tail.length() <= OUTPUT_CHARS ? tail.toString() : "…" + tail.substring(tail.length() - OUTPUT_CHARS);
    }
}
