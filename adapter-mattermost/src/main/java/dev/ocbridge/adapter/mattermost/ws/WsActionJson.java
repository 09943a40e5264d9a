package dev.ocbridge.adapter.mattermost.ws;

import java.util.Map;

/** An action the client sends: {@code authentication_challenge}, {@code ping}, ... */
public record WsActionJson(long seq, String action, Map<String, Object> data) {
}
