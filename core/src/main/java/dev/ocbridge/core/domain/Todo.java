package dev.ocbridge.core.domain;

/** One item of the agent's todo list. */
public record Todo(String content, String status, String priority) {
    public Todo {
        content = content == null ? "" : content;
        status = status == null ? "" : status;
        priority = priority == null ? "" : priority;
    }
}
