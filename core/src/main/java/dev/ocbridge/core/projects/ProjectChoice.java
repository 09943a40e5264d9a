package dev.ocbridge.core.projects;

import dev.ocbridge.core.domain.ProjectInfo;

import java.util.List;

/** What a project named in chat turned out to be. */
public sealed interface ProjectChoice {

    /** One project: the session goes to its directory. */
    record Chosen(ProjectInfo project) implements ProjectChoice {
    }

    /** Several projects have that name; their directories tell them apart. */
    record Ambiguous(String wanted, List<ProjectInfo> candidates) implements ProjectChoice {
        public Ambiguous {
            candidates = List.copyOf(candidates);
        }
    }

    /** No project has that name; {@code closest} are the projects with the nearest names, best first. */
    record Unknown(String wanted, List<ProjectInfo> closest) implements ProjectChoice {
        public Unknown {
            closest = List.copyOf(closest);
        }
    }
}
