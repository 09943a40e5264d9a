package dev.ocbridge.adapter.opencode.testing;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** One scripted answer of the {@link FakeLlm} to one chat-completions request. */
public sealed interface LlmReply {

    /** Streamed text, optionally preceded by streamed reasoning, chunk by chunk with a pause between chunks. */
    record Text(List<String> reasoningChunks, List<String> chunks, Duration delayBetweenChunks) implements LlmReply {
        public Text {
            reasoningChunks = List.copyOf(reasoningChunks);
            chunks = List.copyOf(chunks);
        }

        public String text() {
            return String.join("", chunks);
        }

        public Text withReasoning(String... reasoning) {
            return new Text(Arrays.asList(reasoning), chunks, delayBetweenChunks);
        }

        public Text withDelay(Duration delay) {
            return new Text(reasoningChunks, chunks, delay);
        }
    }

    /** The model calls tools (in parallel when several); the step finishes with {@code tool_calls}. */
    record ToolCalls(List<ToolCall> calls) implements LlmReply {
        public ToolCalls {
            calls = List.copyOf(calls);
        }
    }

    /** A null id lets the fake LLM number the call. */
    record ToolCall(String id, String name, Map<String, Object> arguments) {
        public ToolCall {
            arguments = Map.copyOf(arguments);
        }
    }

    /** The upstream answers with an HTTP error in the OpenAI error format. */
    record HttpError(int status, String type, String message) implements LlmReply {
    }

    /** Some text chunks, then the connection drops: no finish reason, no {@code [DONE]}. */
    record CutOff(List<String> chunks) implements LlmReply {
        public CutOff {
            chunks = List.copyOf(chunks);
        }
    }

    static Text text(String... chunks) {
        return new Text(List.of(), Arrays.asList(chunks), Duration.ZERO);
    }

    static ToolCalls tool(String name, Map<String, Object> arguments) {
        return new ToolCalls(List.of(new ToolCall(null, name, arguments)));
    }

    static ToolCalls bash(String command) {
        return tool("bash", Map.of("command", command, "description", "Runs " + command));
    }

    /** The {@code question} tool with one question and its option labels. */
    static ToolCalls question(String header, String question, String... options) {
        List<Map<String, Object>> choices = Arrays.stream(options)
                .map(label -> Map.<String, Object>of("label", label, "description", "Choose " + label))
                .toList();
        return tool("question", Map.of("questions",
                List.of(Map.of("header", header, "question", question, "options", choices))));
    }

    static HttpError error(int status, String message) {
        return new HttpError(status, status >= 500 ? "server_error" : "invalid_request_error", message);
    }
}
