package dev.ocbridge.adapter.mattermost.ws;

/** The error of a failed action. */
public record WsErrorJson(String id, String message) {
}
