package dev.ocbridge.adapter.mattermost.rest;

/** The {@code {"status":"OK"}} answer of deletions. */
public record StatusJson(String status) {
}
