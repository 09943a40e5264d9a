package dev.ocbridge.core.inbox;

import java.util.Optional;

/**
 * The arguments of {@code !new <project> <text>}. A project name or path with spaces is quoted
 * ({@code "my project"}) or written as code ({@code `my project`}).
 */
record NewSessionRequest(String project, String text) {

    static Optional<NewSessionRequest> parse(String arguments) {
        String rest = arguments.strip();
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        char first = rest.charAt(0);
        int end;
        String project;
        if (first == '"' || first == '`') {
            end = rest.indexOf(first, 1);
            if (end < 0) {
                return Optional.empty();
            }
            project = rest.substring(1, end).strip();
            end++;
        } else {
            end = firstWhitespace(rest);
            project = rest.substring(0, end);
        }
        String text = rest.substring(end).strip();
        return project.isEmpty() || text.isEmpty() ? Optional.empty() : Optional.of(new NewSessionRequest(project, text));
    }

    private static int firstWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return text.length();
    }
}
