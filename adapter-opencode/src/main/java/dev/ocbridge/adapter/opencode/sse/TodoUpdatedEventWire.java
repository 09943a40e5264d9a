package dev.ocbridge.adapter.opencode.sse;

import dev.ocbridge.adapter.opencode.rest.TodoWire;

import java.util.List;

/** Properties of {@code todo.updated}: the whole list. */
public record TodoUpdatedEventWire(String sessionID, List<TodoWire> todos) {
}
