package dev.ocbridge.adapter.mattermost.ws;

import java.util.Map;

/**
 * Any frame the Mattermost websocket sends: an event ({@code event}, {@code data}, {@code broadcast}, {@code seq})
 * or a reply to an action ({@code status}, {@code seq_reply}, {@code error}).
 */
public record WsFrameJson(
        String event,
        Map<String, Object> data,
        WsBroadcastJson broadcast,
        Long seq,
        String status,
        Long seq_reply,
        WsErrorJson error) {
}
