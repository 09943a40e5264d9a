package dev.ocbridge.core.progress;

import dev.ocbridge.core.domain.Todo;
import dev.ocbridge.core.texts.Untrusted;

import java.util.List;
import java.util.Optional;

/** The agent's todo list as a checklist: all of it in a post of its own, or in brief on an activity post. */
final class Checklist {
    private static final int MAX_ITEMS = 50;
    private static final int ITEM_CHARS = 300;

    private Checklist() {
    }

    static String full(List<Todo> todos) {
        StringBuilder list = new StringBuilder(heading(todos));
        for (Todo todo : todos.subList(0, Math.min(todos.size(), MAX_ITEMS))) {
            list.append('\n').append(item(todo));
        }
        if (todos.size() > MAX_ITEMS) {
            list.append("\n_… and ").append(todos.size() - MAX_ITEMS).append(" more_");
        }
        return list.toString();
    }

    /** The count and the item under way, on one line. */
    static String brief(List<Todo> todos) {
        return heading(todos) + current(todos).map(todo -> " · now: " + text(todo)).orElse("");
    }

    private static String heading(List<Todo> todos) {
        long done = todos.stream().filter(todo -> isDone(todo) || isCancelled(todo)).count();
        return ":clipboard: **Todo** · " + done + "/" + todos.size() + " done";
    }

    private static String item(Todo todo) {
        if (isDone(todo)) {
            return "- [x] " + text(todo);
        }
        if (isCancelled(todo)) {
            return "- [x] ~~" + text(todo) + "~~ _(cancelled)_";
        }
        if (isUnderWay(todo)) {
            return "- [ ] **" + text(todo) + "** _(in progress)_";
        }
        return "- [ ] " + text(todo);
    }

    private static Optional<Todo> current(List<Todo> todos) {
        return todos.stream().filter(Checklist::isUnderWay).findFirst();
    }

    private static String text(Todo todo) {
        String content = todo.content().strip();
        return Untrusted.inline(content.length() <= ITEM_CHARS ? content : content.substring(0, ITEM_CHARS) + "…");
    }

    private static boolean isDone(Todo todo) {
        return "completed".equals(todo.status());
    }

    private static boolean isCancelled(Todo todo) {
        return "cancelled".equals(todo.status());
    }

    private static boolean isUnderWay(Todo todo) {
        return "in_progress".equals(todo.status());
    }
}
