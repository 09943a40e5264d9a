package dev.ocbridge.core.progress;

/** How much of the agent's work a thread shows besides its answers, questions and permission requests. */
public enum ProgressMode {
    /** Every tool call on its line in the answer's flow, shell output, the todo list in a post of its own. */
    FULL,
    /** One activity post per run, edited in place: its state, the todo list in brief and the latest tool calls. */
    COMPACT,
    /** Answers, questions and permission requests only. */
    OFF
}
