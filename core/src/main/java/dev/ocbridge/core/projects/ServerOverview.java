package dev.ocbridge.core.projects;

import dev.ocbridge.core.domain.ProjectInfo;
import dev.ocbridge.core.domain.SessionInfo;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The projects and root sessions of the agent server at one moment. {@code sessions} are newest first;
 * {@code complete} is false when the server holds more than were listed, so counts are lower bounds.
 */
public record ServerOverview(List<ProjectInfo> projects, List<SessionInfo> sessions, boolean complete,
                             String defaultDirectory) {

    public ServerOverview {
        projects = List.copyOf(projects);
        sessions = List.copyOf(sessions);
    }

    /** The innermost project the session works in. */
    public Optional<ProjectInfo> projectOf(SessionInfo session) {
        return innermostContaining(session.directory());
    }

    /**
     * Every project with its sessions counted: the most recently active first, then the ones without
     * sessions by name.
     */
    public List<ProjectSummary> summaries() {
        Optional<ProjectInfo> defaultProject = innermostContaining(defaultDirectory);
        return projects.stream()
                .map(project -> summary(project, defaultProject.filter(project::equals).isPresent()))
                .sorted(Comparator.comparing((ProjectSummary summary) -> summary.lastActivity().orElse(Instant.MIN))
                        .reversed()
                        .thenComparing(summary -> summary.project().name(), String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    private ProjectSummary summary(ProjectInfo project, boolean isDefault) {
        List<SessionInfo> own = sessions.stream()
                .filter(session -> projectOf(session).filter(project::equals).isPresent())
                .toList();
        Optional<Instant> lastActivity = own.stream().map(SessionInfo::updatedAt).max(Comparator.naturalOrder());
        return new ProjectSummary(project, own.size(), lastActivity, isDefault);
    }

    private Optional<ProjectInfo> innermostContaining(String directory) {
        if (directory == null || directory.isBlank()) {
            return Optional.empty();
        }
        return projects.stream()
                .filter(project -> project.contains(directory))
                .max(Comparator.comparingInt(project -> project.directory().length()));
    }
}
