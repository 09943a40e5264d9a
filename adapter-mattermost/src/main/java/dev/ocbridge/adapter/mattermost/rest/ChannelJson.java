package dev.ocbridge.adapter.mattermost.rest;

/** A Mattermost channel; {@code type} is "O" open, "P" private, "D" direct or "G" group. */
public record ChannelJson(String id, String type, String name, String display_name, String team_id) {
}
