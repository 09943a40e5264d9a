package dev.ocbridge.core.projects;

import dev.ocbridge.core.domain.ProjectInfo;
import dev.ocbridge.core.domain.ServerPaths;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.settings.BridgeSettings;
import dev.ocbridge.core.texts.ClosestMatches;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The projects people can start sessions in from chat: the projects the agent server knows, every other
 * directory that has sessions, and the directory sessions started from chat go to by default. Each asks the
 * server afresh, so a project created a moment ago is there.
 */
public final class ProjectCatalog {
    /** Enough to count the sessions of a busy server; with more, the counts are lower bounds and say so. */
    static final int MOST_LISTED_SESSIONS = 1000;
    private static final int CLOSEST_SHOWN = 3;

    private final SessionPort sessions;
    private final BridgeSettings settings;

    public ProjectCatalog(SessionPort sessions, BridgeSettings settings) {
        this.sessions = sessions;
        this.settings = settings;
    }

    /** Throws a BridgeException when the server cannot be asked. */
    public ServerOverview overview() {
        List<SessionInfo> listed = sessions.recentRootSessions(Instant.EPOCH, MOST_LISTED_SESSIONS);
        String defaultDirectory = settings.defaultDirectory().orElseGet(sessions::serverDirectory);
        Map<String, ProjectInfo> projects = new LinkedHashMap<>();
        sessions.projects().forEach(project -> projects.putIfAbsent(project.directory(), project));
        List<String> directories = new ArrayList<>(listed.stream().map(SessionInfo::directory).toList());
        directories.add(defaultDirectory);
        for (String directory : directories) {
            boolean inKnownProject = projects.values().stream().anyMatch(project -> project.contains(directory));
            if (!directory.isBlank() && !inKnownProject) {
                ProjectInfo own = ProjectInfo.of(directory);
                projects.put(own.directory(), own);
            }
        }
        return new ServerOverview(List.copyOf(projects.values()), listed, listed.size() < MOST_LISTED_SESSIONS,
                defaultDirectory);
    }

    /**
     * The project called {@code wanted} (as {@link #overview()} names them, exact case first), or the
     * directory itself when {@code wanted} is an absolute path on the server, known there or not.
     */
    public ProjectChoice choose(String wanted) {
        if (ServerPaths.isAbsolute(wanted)) {
            return new ProjectChoice.Chosen(ProjectInfo.of(wanted));
        }
        List<ProjectInfo> projects = overview().projects();
        List<ProjectInfo> named = projects.stream().filter(project -> project.name().equals(wanted)).toList();
        if (named.isEmpty()) {
            named = projects.stream().filter(project -> project.name().equalsIgnoreCase(wanted)).toList();
        }
        if (named.size() == 1) {
            return new ProjectChoice.Chosen(named.get(0));
        }
        if (named.size() > 1) {
            return new ProjectChoice.Ambiguous(wanted, named);
        }
        return new ProjectChoice.Unknown(wanted, ClosestMatches.among(wanted, projects, project -> List.of(project.name()), CLOSEST_SHOWN));
    }
}
