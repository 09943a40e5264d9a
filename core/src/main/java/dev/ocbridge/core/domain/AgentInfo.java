package dev.ocbridge.core.domain;

/**
 * An agent the server offers. Primary agents answer prompts; the others run only as sub-agents. Hidden
 * agents are the server's own helpers (titles, summaries) and are never offered to people.
 */
public record AgentInfo(String name, String description, boolean primary, boolean hidden) {
    public AgentInfo {
        Checks.requireText(name, "agent name");
        description = description == null ? "" : description;
    }

    /** Whether people may choose it to answer their prompts. */
    public boolean selectable() {
        return primary && !hidden;
    }
}
