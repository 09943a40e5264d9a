package dev.ocbridge.core.texts;

import dev.ocbridge.core.access.AccessPolicy;
import dev.ocbridge.core.domain.ProjectInfo;
import dev.ocbridge.core.domain.SessionError;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.settings.MainDmMode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Everything the bot says, in one place so the wording stays consistent. */
public final class BridgeTexts {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final MainDmMode mainDmMode;

    /** Hints name what a message in the main DM does, which the operator configures. */
    public BridgeTexts(MainDmMode mainDmMode) {
        this.mainDmMode = Objects.requireNonNull(mainDmMode, "mainDmMode");
    }

    /**
     * The root post of a session's thread. Title, project and directory come from the agent server, so each
     * stays on its own line and shows as the characters it is.
     */
    public String sessionStarted(SessionInfo session) {
        return "**OpenCode session** · " + title(session.title()) + "\n"
                + "Project: " + Untrusted.code(session.projectName())
                + " · Directory: " + Untrusted.code(session.directory()) + "\n"
                + "Session: " + Untrusted.code(session.shortId()) + " · Started " + TIME.format(session.createdAt())
                + "\n"
                + "_Reply in this thread to talk to this session._";
    }

    public String sessionEnded(ThreadMapping mapping, Instant endedAt) {
        return "**Session ended** · " + Untrusted.code(mapping.shortId()) + " ran for "
                + duration(Duration.between(mapping.createdAt(), endedAt)) + ".\n"
                + "_" + whatNext() + "_";
    }

    public String unknownThread() {
        return "This thread is not linked to an OpenCode session, so nothing was sent. " + whatNext();
    }

    public String endedThread(ThreadMapping mapping) {
        return "Session " + Untrusted.code(mapping.shortId()) + " has ended, so nothing was sent. " + whatNext();
    }

    /** The server said the session does not exist, but did not answer as the server that holds it. */
    public String serverMisrouted(ThreadMapping mapping, String reason) {
        return ":warning: OpenCode does not answer as the server of session " + Untrusted.code(mapping.shortId())
                + " right now, so nothing was sent; the thread stays open. Send it again once the server is back. "
                + "(" + Untrusted.inline(reason) + ")";
    }

    public String noSessions() {
        return mainDmMode == MainDmMode.NEW_SESSION
                ? "No sessions yet. Send a message in the main DM to start one."
                : "No sessions yet. Start one in OpenCode.";
    }

    /** Where to go from a thread that reaches no live session. */
    private String whatNext() {
        switch (mainDmMode) {
            case NEW_SESSION:
                return "Send a message in the main DM to start a new session, or `!sessions` to list them.";
            case RECENT_SESSION:
                return "A message in the main DM goes to your most recent active session; "
                        + "`!sessions` lists them all.";
            case REJECT:
            default:
                return "Start a new session in OpenCode; `!sessions` lists the sessions and their threads.";
        }
    }

    public String mainDmRejected() {
        return "Prompts go in a session's thread: reply in the thread of the session you want. "
                + "Here are the sessions:";
    }

    public String routedToRecent(ThreadMapping mapping, String permalink) {
        return "Sent to the most recent session " + Untrusted.code(mapping.shortId()) + " ("
                + title(mapping.sessionTitle()) + "): the answer comes in [its thread](" + permalink + ").";
    }

    public String noRecentSession() {
        return "There is no active session to send this to. Start one from OpenCode, "
                + "or ask the operator to allow new sessions from the main DM.";
    }

    public String sessionCreationFailed(String reason) {
        return ":warning: Could not start a session: " + Untrusted.inline(reason)
                + "\n_Nothing was sent. You can try again._";
    }

    /** The agent server could not be asked for its sessions or projects. */
    public String listingFailed(String reason) {
        return ":warning: Could not ask OpenCode: " + Untrusted.inline(reason);
    }

    public String newSessionUsage() {
        return "Say where and what: `!new <project> <what to do>`, with a project as `!projects` names it or an "
                + "absolute path on the OpenCode server's machine. Nothing was started.";
    }

    public String newSessionOnlyInMainDm() {
        return "`!new` starts a session in a thread of its own, so it works in the main DM, not in a thread. "
                + "Nothing was started.";
    }

    public String newSessionsNotAllowed() {
        return "Sessions are not started from chat here, so nothing was started. Start one in OpenCode; "
                + "`!sessions` lists them and their threads.";
    }

    public String unknownProject(String wanted, List<ProjectInfo> closest) {
        return "No project is called " + Untrusted.code(wanted) + ", so nothing was started. The closest: "
                + joined(closest, project -> Untrusted.code(project.name()))
                + ". `!projects` lists them all; an absolute path on the OpenCode server's machine works too.";
    }

    public String ambiguousProject(String wanted, List<ProjectInfo> candidates) {
        return "Several projects are called " + Untrusted.code(wanted) + ", so nothing was started. "
                + "Name one by its path: " + joined(candidates, project -> Untrusted.code(project.directory())) + ".";
    }

    private static String joined(List<ProjectInfo> projects, Function<ProjectInfo, String> shown) {
        return projects.stream().map(shown).collect(Collectors.joining(", "));
    }

    public String promptFailed(String reason) {
        return ":warning: Could not send this to the session: " + Untrusted.inline(reason);
    }

    /** The bridge stopped, and the OpenCode server it runs with it, while the run was going on. */
    public String runInterruptedByStop() {
        return ":warning: Interrupted: the bridge stopped, and the OpenCode server it runs stopped with it. "
                + "Send your prompt again to go on.";
    }

    /** A run ended without finishing while the bridge was not running; what it showed is all there is. */
    public String runInterruptedWhileAway() {
        return ":warning: Interrupted: this run did not finish while the bridge was not running (the OpenCode "
                + "server stopped it, or the session is gone). Send your prompt again to go on.";
    }

    /** The chat server refused part of an answer for good (not a passing outage). */
    public String answerRefused(String reason) {
        return ":warning: The chat server refused part of the answer, which is not shown here: "
                + Untrusted.inline(reason) + "\n_The whole answer is in OpenCode's session._";
    }

    public String runFailed(SessionError error) {
        String message = error.message().isBlank() ? "" : ": " + Untrusted.inline(error.message());
        return ":warning: The agent stopped with an error (" + Untrusted.inline(error.name()) + ")" + message;
    }

    public String unknownCommand(String name) {
        return "Unknown command " + Untrusted.code("!" + name) + ". Try `!help`.";
    }

    public String help() {
        return "**Commands**\n"
                + "- `!sessions`: the sessions of every project, newest first, and their threads\n"
                + "- `!projects`: the projects OpenCode knows, with their paths\n"
                + (mainDmMode == MainDmMode.REJECT ? ""
                        : "- `!new <project> <what to do>`: in the main DM, start a session in that project\n")
                + "- `!status`: the bridge's version, connections and uptime\n"
                + "- `!models [part of a name]`, `!model <provider/model>`: the models, and the one prompts go with "
                + "(in a session's thread: for that session; in the main DM: for the sessions you start there)\n"
                + "- `!agents`, `!agent <name>`: the same for agents\n"
                + "- `!diff` (in a session's thread): the files the session changed, as a `.diff` file\n"
                + "- `!stop` (in a session's thread, or react :octagonal_sign: to a bot post there): stop the "
                + "running work; the answer so far stays\n"
                + "- `!help`: this list\n"
                + "Reply in a session's thread to prompt that session. " + mainDmBehaviour() + "\n"
                + "Files attached to a prompt go with it (text, images, PDF). A prompt sent while the session is "
                + "busy gets :hourglass_flowing_sand: until the session takes it up.\n"
                + "When OpenCode asks for permission, react :+1: to allow once, :white_check_mark: to allow always or "
                + ":-1: to reject, or reply `yes`, `always`, `no` or what to do instead. When it asks a question, "
                + "reply with an option's number or name, or your own answer, or react :one: to :nine:; :-1: "
                + "dismisses it. A reply in a thread where something waits for an answer answers it.";
    }

    private String mainDmBehaviour() {
        switch (mainDmMode) {
            case NEW_SESSION:
                return "A message in the main DM starts a new session, in a thread rooted at your message.";
            case RECENT_SESSION:
                return "A message in the main DM goes to your most recent active session.";
            case REJECT:
            default:
                return "Messages in the main DM are not sent to OpenCode; start sessions in OpenCode.";
        }
    }

    /** A session's title as it may be posted: one line, shown literally, mentions inert. */
    public static String title(String raw) {
        return raw == null || raw.isBlank() ? "(untitled)" : Untrusted.inline(raw);
    }

    /** Who may drive the agent, for {@code !status}: a warning when anyone may. */
    public String access(AccessPolicy access) {
        switch (access.audience()) {
            case OWNER:
                return "the owner only";
            case ALLOWED_USERS:
                int count = access.allowedUserCount();
                return count + (count == 1 ? " allowed user" : " allowed users");
            case ANYONE:
                return ":warning: anyone who can message the bot";
            case NOBODY:
            default:
                return "nobody";
        }
    }

    public static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + "m " + (seconds % 60) + "s";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + "h " + (minutes % 60) + "m";
        }
        return (hours / 24) + "d " + (hours % 24) + "h";
    }

    public static String time(Instant instant) {
        return TIME.format(instant);
    }
}
