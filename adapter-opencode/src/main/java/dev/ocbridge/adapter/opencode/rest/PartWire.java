package dev.ocbridge.adapter.opencode.rest;

/**
 * One part of a message. Which fields are set depends on {@code type}: {@code text} and {@code reasoning}
 * carry {@code text} and {@code time}; {@code tool} carries {@code tool}, {@code callID} and {@code state}.
 */
public record PartWire(
        String id,
        String sessionID,
        String messageID,
        String type,
        String text,
        Boolean synthetic,
        TimeWire time,
        String tool,
        String callID,
        ToolStateWire state) {
}
