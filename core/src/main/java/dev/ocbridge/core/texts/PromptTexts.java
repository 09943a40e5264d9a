package dev.ocbridge.core.texts;

import dev.ocbridge.core.domain.AgentInfo;
import dev.ocbridge.core.domain.FileChange;
import dev.ocbridge.core.domain.ModelInfo;
import dev.ocbridge.core.domain.ModelRef;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.prompts.SkippedFile;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the bot says about the prompts themselves: their files, the model and agent they go with, the changes
 * they made. Every name in here comes from the agent server or from people, so it goes through
 * {@link Untrusted}.
 */
public final class PromptTexts {
    private static final String CURRENT = " · **current**";
    private static final int LISTED_FILE_NAMES = 5;
    private static final int DESCRIPTION = 100;

    private final int maxPostLength;

    /** Lists are cut to fit a post of {@code maxPostLength} characters. */
    public PromptTexts(int maxPostLength) {
        this.maxPostLength = maxPostLength;
    }

    public String filesLeftOut(List<SkippedFile> skipped, long maxBytes) {
        return ":warning: Not sent to the agent: " + skippedList(skipped, maxBytes) + ". The rest was sent.";
    }

    public String nothingSent(List<SkippedFile> skipped, long maxBytes) {
        return ":warning: Nothing was sent to the agent: " + skippedList(skipped, maxBytes) + ".";
    }

    private static String skippedList(List<SkippedFile> skipped, long maxBytes) {
        return skipped.stream().map(file -> nameOf(file) + " (" + why(file, maxBytes) + ")")
                .collect(Collectors.joining("; "));
    }

    private static String nameOf(SkippedFile file) {
        return file.name().isBlank() ? "a file" : Untrusted.code(file.name());
    }

    private static String why(SkippedFile file, long maxBytes) {
        switch (file.reason()) {
            case TOO_LARGE:
                return size(file.size()) + ", more than the " + size(maxBytes) + " allowed";
            case UNREADABLE_KIND:
                return "the agent reads only text, images (PNG, JPEG, GIF, WebP) and PDF";
            case NOT_DOWNLOADED:
            default:
                return "the chat server did not hand it out";
        }
    }

    /** Sizes as people read them: 1 MB is 1,048,576 bytes, as the size setting counts. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        double megabytes = bytes / (1024.0 * 1024.0);
        return megabytes == Math.rint(megabytes)
                ? String.format(Locale.ROOT, "%.0f MB", megabytes)
                : String.format(Locale.ROOT, "%.1f MB", megabytes);
    }

    public String modelList(List<ModelInfo> listed, int offered, String filter, Optional<ModelRef> current,
                            boolean mainDm) {
        if (offered == 0) {
            return "The agent server offers no models.";
        }
        if (listed.isEmpty()) {
            return "No model matches " + Untrusted.code(filter) + ". `!models` lists all " + offered + ".";
        }
        String heading = "**Models** · `!model <provider/model>` picks one "
                + (mainDm ? "for the sessions you start here" : "for this session") + "\n";
        List<String> lines = listed.stream()
                .map(model -> "- " + Untrusted.code(model.ref().toString())
                        + (model.name().equals(model.ref().modelId()) ? "" : " · " + Untrusted.inline(model.name()))
                        + (current.filter(model.ref()::equals).isPresent() ? CURRENT : ""))
                .toList();
        return heading + fitted(lines, "… and %d more: `!models <part of a name>` narrows the list.")
                + currentNotListed(current, listed);
    }

    private static String currentNotListed(Optional<ModelRef> current, List<ModelInfo> listed) {
        if (current.isEmpty() || listed.stream().anyMatch(model -> model.ref().equals(current.get()))) {
            return "";
        }
        return "\nCurrent: " + Untrusted.code(current.get().toString());
    }

    public String currentModel(Optional<ModelRef> current, boolean mainDm) {
        return (mainDm ? "Sessions you start here use " : "This session uses ")
                + current.map(model -> Untrusted.code(model.toString())).orElse("the agent server's default model")
                + ". `!models` lists the others.";
    }

    public String modelChosen(ModelInfo model, boolean mainDm) {
        return ":white_check_mark: " + (mainDm ? "Sessions you start here from now on use " : "This session now uses ")
                + Untrusted.code(model.ref().toString()) + ".";
    }

    public String modelSetToDefault(Optional<ModelRef> serverDefault, boolean mainDm) {
        return ":white_check_mark: " + (mainDm ? "Sessions you start here use" : "This session now uses")
                + " the agent server's default model"
                + serverDefault.map(model -> ", " + Untrusted.code(model.toString())).orElse("") + ".";
    }

    public String unknownModel(String typed, List<ModelInfo> closest) {
        return "No model " + Untrusted.code(typed) + ", so nothing changed."
                + suggestions(closest.stream().map(model -> model.ref().toString()).toList(), "!model")
                + " `!models` lists them all.";
    }

    public String agentList(List<AgentInfo> agents, Optional<String> current, boolean mainDm) {
        if (agents.isEmpty()) {
            return "The agent server offers no agents to choose.";
        }
        String heading = "**Agents** · `!agent <name>` picks one "
                + (mainDm ? "for the sessions you start here" : "for this session") + "\n";
        List<String> lines = agents.stream()
                .map(agent -> "- " + Untrusted.code(agent.name())
                        + (agent.description().isBlank() ? "" : " · " + Untrusted.inline(shortened(agent.description())))
                        + (current.filter(agent.name()::equals).isPresent() ? CURRENT : ""))
                .toList();
        return heading + fitted(lines, "… and %d more.");
    }

    public String currentAgent(Optional<String> current, boolean mainDm) {
        return (mainDm ? "Sessions you start here use " : "This session uses ")
                + current.map(agent -> "the agent " + Untrusted.code(agent)).orElse("the agent server's default agent")
                + ". `!agents` lists the others.";
    }

    public String agentChosen(AgentInfo agent, boolean mainDm) {
        return ":white_check_mark: " + (mainDm ? "Sessions you start here from now on use" : "This session now uses")
                + " the agent " + Untrusted.code(agent.name()) + ".";
    }

    public String agentSetToDefault(Optional<String> serverDefault, boolean mainDm) {
        return ":white_check_mark: " + (mainDm ? "Sessions you start here use" : "This session now uses")
                + " the agent server's default agent"
                + serverDefault.map(agent -> ", " + Untrusted.code(agent)).orElse("") + ".";
    }

    public String notAPrimaryAgent(AgentInfo agent, List<String> closest) {
        return Untrusted.code(agent.name()) + " works only as a sub-agent of another agent, so nothing changed."
                + suggestions(closest, "!agent");
    }

    public String unknownAgent(String typed, List<String> closest) {
        return "No agent " + Untrusted.code(typed) + ", so nothing changed." + suggestions(closest, "!agent")
                + " `!agents` lists them all.";
    }

    private static String suggestions(List<String> closest, String command) {
        if (closest.isEmpty()) {
            return "";
        }
        return " Did you mean " + closest.stream().map(name -> Untrusted.code(command + " " + name))
                .collect(Collectors.joining(", ")) + "?";
    }

    public String sessionEndedForCommand(ThreadMapping mapping) {
        return "Session " + Untrusted.code(mapping.shortId()) + " has ended.";
    }

    public String notASessionThread() {
        return "This thread belongs to no session: use the command in a session's thread, or in the main DM.";
    }

    public String diffNeedsASession() {
        return "`!diff` shows the changes of one session: use it in that session's thread.";
    }

    public String commandFailed(String reason) {
        return ":warning: Could not ask the agent server: " + Untrusted.inline(reason);
    }

    public String noChanges(ThreadMapping mapping) {
        return "Session " + Untrusted.code(mapping.shortId()) + " has changed no files yet. (OpenCode keeps track "
                + "of changes only in a git repository.)";
    }

    /** One line: how many files, how many lines, and the first few names. */
    public String diffSummary(List<FileChange> changes) {
        Set<String> files = new LinkedHashSet<>();
        changes.forEach(change -> files.add(change.path()));
        int added = changes.stream().mapToInt(FileChange::additions).sum();
        int removed = changes.stream().mapToInt(FileChange::deletions).sum();
        String names = files.stream().limit(LISTED_FILE_NAMES).map(Untrusted::code).collect(Collectors.joining(", "))
                + (files.size() > LISTED_FILE_NAMES ? " and " + (files.size() - LISTED_FILE_NAMES) + " more" : "");
        return "**Changes**: " + files.size() + (files.size() == 1 ? " file" : " files") + " changed, "
                + added + (added == 1 ? " line" : " lines") + " added, " + removed + " removed (" + names + ")";
    }

    /** As many lines as fit a post, then {@code rest} with the number left out. */
    private String fitted(List<String> lines, String rest) {
        StringBuilder text = new StringBuilder();
        int room = maxPostLength - 200;
        for (int i = 0; i < lines.size(); i++) {
            if (text.length() + lines.get(i).length() + 1 > room) {
                return text + String.format(Locale.ROOT, rest, lines.size() - i);
            }
            text.append(lines.get(i)).append('\n');
        }
        return text.toString().stripTrailing();
    }

    private static String shortened(String text) {
        String firstLine = text.strip().lines().findFirst().orElse("");
        return firstLine.length() <= DESCRIPTION ? firstLine : firstLine.substring(0, DESCRIPTION - 1) + "…";
    }
}
