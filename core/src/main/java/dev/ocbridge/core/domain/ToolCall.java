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
        Instant endedAt) {

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
    }
}
