package dev.ocbridge.adapter.mattermost.rest;

/** The {@code {"status":"OK"}} answer of deletions and of the ping. */
public record StatusJson(String status) {
}
