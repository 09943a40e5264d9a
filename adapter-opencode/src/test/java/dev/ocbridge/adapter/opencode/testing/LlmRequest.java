package dev.ocbridge.adapter.opencode.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A chat-completions request as the fake LLM received it. */
public record LlmRequest(String body, Map<String, Object> json) {

    public LlmRequest {
        json = Map.copyOf(json);
    }

    public String model() {
        return String.valueOf(json.get("model"));
    }

    public List<Map<String, Object>> messages() {
        return maps(json.get("messages"));
    }

    /** The text of the first system message, or empty. */
    public String systemPrompt() {
        return messages().stream()
                .filter(message -> "system".equals(message.get("role")))
                .map(message -> text(message.get("content")))
                .findFirst()
                .orElse("");
    }

    public boolean isTitleRequest() {
        return systemPrompt().startsWith("You are a title generator.");
    }

    /** The text of every user message, oldest first. */
    public List<String> userTexts() {
        return messages().stream()
                .filter(message -> "user".equals(message.get("role")))
                .map(message -> text(message.get("content")))
                .toList();
    }

    public String lastUserText() {
        List<String> texts = userTexts();
        return texts.isEmpty() ? "" : texts.get(texts.size() - 1);
    }

    /** Results of earlier tool calls the agent sends back (role {@code tool}), oldest first. */
    public List<String> toolResults() {
        return messages().stream()
                .filter(message -> "tool".equals(message.get("role")))
                .map(message -> text(message.get("content")))
                .toList();
    }

    /** Names of the tools offered to the model. */
    public List<String> toolNames() {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> tool : maps(json.get("tools"))) {
            Object function = tool.get("function");
            if (function instanceof Map<?, ?> map && map.get("name") != null) {
                names.add(String.valueOf(map.get("name")));
            }
        }
        return names;
    }

    /** Message content is a string or a list of typed parts; the text parts are joined. */
    private static String text(Object content) {
        if (content instanceof String string) {
            return string;
        }
        StringBuilder joined = new StringBuilder();
        for (Map<String, Object> part : maps(content)) {
            if (part.get("text") instanceof String string) {
                if (joined.length() > 0) {
                    joined.append('\n');
                }
                joined.append(string);
            }
        }
        return joined.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> map) {
                maps.add((Map<String, Object>) map);
            }
        }
        return maps;
    }
}
