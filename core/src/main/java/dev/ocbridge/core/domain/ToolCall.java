package dev.ocbridge.core.domain;

import java.time.Instant;

/**
 * A tool call as last reported. {@code output} is the whole output so far (live output of a
 * running shell command grows with each report); {@code error} is set in state ERROR.
 */
public record ToolCall(
        PartId partId,
        MessageId messageId,
        String callId,
        String tool,
        ToolState state,
        String title,
        String input,
        String output,
        String error,
        Instant startedAt,
        Instant endedAt,
        ToolDetails details) {

    public ToolCall {
        Checks.require(partId, "part id");
        Checks.require(messageId, "message id");
        Checks.require(state, "tool state");
        tool = tool == null ? "" : tool;
        callId = callId == null ? "" : callId;
        title = title == null ? "" : title;
        input = input == null ? "" : input;
        output = output == null ? "" : output;
        error = error == null ? "" : error;
        details = details == null ? ToolDetails.NONE : details;
    }

    /** A call of which nothing but its state is known in detail. */
    public ToolCall(PartId partId, MessageId messageId, String callId, String tool, ToolState state, String title,
                    String input, String output, String error, Instant startedAt, Instant endedAt) {
        this(partId, messageId, callId, tool, state, title, input, output, error, startedAt, endedAt,
                ToolDetails.NONE);
    }

    /** The same call in another state, e.g. failed because its run was lost. */
    public ToolCall inState(ToolState newState, String newError, Instant newEndedAt) {
        return new ToolCall(partId, messageId, callId, tool, newState, title, input, output, newError, startedAt,
                newEndedAt, details);
    }
}
