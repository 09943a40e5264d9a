package dev.ocbridge.core.projects;

import dev.ocbridge.core.domain.ProjectInfo;

import java.time.Instant;
import java.util.Optional;

/**
 * A project with what the server's session list says about it: how many root sessions work in it, when the
 * newest was last active, and whether sessions started from chat without a project go there.
 */
public record ProjectSummary(ProjectInfo project, int sessions, Optional<Instant> lastActivity,
                             boolean isDefault) {
}
