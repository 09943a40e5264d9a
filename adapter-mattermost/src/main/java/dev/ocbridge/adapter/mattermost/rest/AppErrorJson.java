package dev.ocbridge.adapter.mattermost.rest;

/** Mattermost's error body: {@code id} is the stable error key, {@code message} its text. */
public record AppErrorJson(String id, String message, String detailed_error, String request_id, Integer status_code) {
}
