package dev.ocbridge.core.commands;

import dev.ocbridge.core.access.AccessPolicy;
import dev.ocbridge.core.control.RequestBoard;
import dev.ocbridge.core.control.StopHandler;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.ProjectInfo;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.health.BridgeHealth;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.MappingStore;
import dev.ocbridge.core.projects.ProjectCatalog;
import dev.ocbridge.core.projects.ProjectSummary;
import dev.ocbridge.core.projects.ServerOverview;
import dev.ocbridge.core.settings.BridgeSettings;
import dev.ocbridge.core.settings.MainDmMode;
import dev.ocbridge.core.texts.BridgeTexts;
import dev.ocbridge.core.texts.Untrusted;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Answers the {@code !} commands. Commands never reach the agent. */
public final class CommandService {
    private static final System.Logger LOG = System.getLogger(CommandService.class.getName());
    private static final int MAX_LISTED_SESSIONS = 20;
    private static final int MAX_LISTED_PROJECTS = 30;

    private final ChatPort chat;
    private final MappingStore mappings;
    private final ProjectCatalog catalog;
    private final BridgeHealth health;
    private final BridgeSettings settings;
    private final BridgeTexts texts;
    private final AccessPolicy access;
    private final ChoiceCommands choices;
    private final DiffCommand diff;
    private final StopHandler stops;
    private final RequestBoard requests;

    public CommandService(ChatPort chat, MappingStore mappings, ProjectCatalog catalog, BridgeHealth health,
                          BridgeSettings settings, BridgeTexts texts, AccessPolicy access, ChoiceCommands choices,
                          DiffCommand diff, StopHandler stops, RequestBoard requests) {
        this.chat = chat;
        this.mappings = mappings;
        this.catalog = catalog;
        this.health = health;
        this.settings = settings;
        this.texts = texts;
        this.access = access;
        this.choices = choices;
        this.diff = diff;
        this.stops = stops;
        this.requests = requests;
    }

    public void run(Command command, ChatPost post, ChatUser author) {
        if (command.name().equals("diff")) {
            chat.createPost(diff.reply(CommandPlace.of(post, mappings), post.thread()));
            return;
        }
        String answer;
        switch (command.name()) {
            case "help":
                answer = texts.help();
                break;
            case "sessions":
                answer = sessionList(author.id());
                break;
            case "projects":
                answer = fromTheServer(this::projectList);
                break;
            case "status":
                answer = status();
                break;
            case "models":
                answer = choices.models(CommandPlace.of(post, mappings), author, command.arguments());
                break;
            case "model":
                answer = choices.model(CommandPlace.of(post, mappings), author, command.arguments());
                break;
            case "agents":
                answer = choices.agents(CommandPlace.of(post, mappings), author);
                break;
            case "agent":
                answer = choices.agent(CommandPlace.of(post, mappings), author, command.arguments());
                break;
            case "stop":
                stops.stopCommand(post, author);
                return;
            default:
                answer = texts.unknownCommand(command.name());
                break;
        }
        chat.createPost(NewPost.inThread(post.thread(), answer));
    }

    /**
     * The root sessions of every project on the agent server, newest activity first, each with its project and
     * a link to its thread when the user has one.
     */
    public String sessionList(UserId user) {
        return fromTheServer(overview -> sessionList(overview, user));
    }

    private String sessionList(ServerOverview overview, UserId user) {
        List<SessionInfo> sessions = overview.sessions();
        if (sessions.isEmpty()) {
            return texts.noSessions();
        }
        StringBuilder list = new StringBuilder("**Sessions**\n");
        int shown = Math.min(sessions.size(), MAX_LISTED_SESSIONS);
        for (int i = 0; i < shown; i++) {
            SessionInfo session = sessions.get(i);
            String project = overview.projectOf(session).map(ProjectInfo::name).orElse(session.projectName());
            list.append(i + 1).append(". **").append(BridgeTexts.title(session.title()))
                    .append("** · ").append(Untrusted.inline(project)).append(" · ")
                    .append(Untrusted.code(session.shortId())).append(" · last activity ")
                    .append(BridgeTexts.time(session.updatedAt())).append(" · ").append(threadOf(session, user))
                    .append('\n');
        }
        appendMore(list, sessions.size() - shown, overview.complete(), "sessions");
        return list.toString();
    }

    private String threadOf(SessionInfo session, UserId user) {
        Optional<ThreadMapping> mapping = mappings.findBySession(session.id());
        if (mapping.isEmpty()) {
            return "no thread";
        }
        if (!mapping.get().userId().equals(user)) {
            return "another user's thread";
        }
        return "[thread](" + chat.permalink(mapping.get().thread().root()) + ")";
    }

    /**
     * The projects, the most recently active first, with their paths and how many sessions work in each; never
     * empty, since the directory new sessions go to is always one.
     */
    private String projectList(ServerOverview overview) {
        List<ProjectSummary> projects = overview.summaries();
        StringBuilder list = new StringBuilder("**Projects**\n");
        int shown = Math.min(projects.size(), MAX_LISTED_PROJECTS);
        for (int i = 0; i < shown; i++) {
            ProjectSummary summary = projects.get(i);
            list.append(i + 1).append(". **").append(Untrusted.inline(summary.project().name())).append("** · ")
                    .append(Untrusted.code(summary.project().directory())).append(" · ")
                    .append(sessionCount(summary.sessions(), overview.complete()));
            summary.lastActivity().ifPresent(when -> list.append(" · last activity ").append(BridgeTexts.time(when)));
            if (summary.isDefault()) {
                list.append(" · new sessions from the main DM go here");
            }
            list.append('\n');
        }
        appendMore(list, projects.size() - shown, true, "projects");
        if (settings.mainDmMode() != MainDmMode.REJECT) {
            list.append("_Start a session in one: `!new <project> <what to do>`._");
        }
        return list.toString();
    }

    private static String sessionCount(int sessions, boolean complete) {
        String counted = sessions == 0 ? "no sessions" : sessions == 1 ? "1 session" : sessions + " sessions";
        return complete || sessions == 0 ? counted : "at least " + counted;
    }

    private static void appendMore(StringBuilder list, int more, boolean counted, String what) {
        if (more > 0) {
            list.append("… and ").append(counted ? "" : "at least ").append(more).append(" more ").append(what)
                    .append(".\n");
        }
    }

    /** An answer made from what the agent server holds now, or why it could not be asked. */
    private String fromTheServer(Function<ServerOverview, String> answer) {
        ServerOverview overview;
        try {
            overview = catalog.overview();
        } catch (BridgeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not list the sessions and projects: {0}", e.getMessage());
            return texts.listingFailed(e.getMessage());
        }
        return answer.apply(overview);
    }

    private String status() {
        long active = mappings.mappings().stream().filter(ThreadMapping::isActive).count();
        return "**Bridge status**\n"
                + "- Version: " + settings.version() + "\n"
                + "- Mattermost: " + (health.chatConnected() ? "connected" : "disconnected") + "\n"
                + "- OpenCode: " + (health.agentConnected() ? "connected" : "disconnected") + "\n"
                + "- Sessions served: " + active + " active\n"
                + "- Access: " + texts.access(access) + "\n"
                + "- Waiting for an answer: " + requests.waiting() + " permission requests and questions\n"
                + "- Uptime: " + BridgeTexts.duration(health.uptime());
    }
}
