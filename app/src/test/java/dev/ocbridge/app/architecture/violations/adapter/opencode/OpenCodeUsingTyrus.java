package dev.ocbridge.app.architecture.violations.adapter.opencode;

/** Breaks websocket containment. */
public class OpenCodeUsingTyrus {
    jakarta.websocket.Session session;
}
