package dev.ocbridge.core.domain;

/** How a prompt for a session that is still working joins that work. */
public enum PromptDelivery {
    /** Taken into the running work at its next step, so the agent can change course. */
    STEER,
    /** Held back until the running work has ended, then answered as a run of its own. */
    QUEUE
}
