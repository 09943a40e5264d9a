package dev.ocbridge.app.architecture.violations.adapter.mattermost;

/** Breaks "adapters do not depend on each other" and, with SSE, "okhttp-sse only in the OpenCode adapter". */
public class MattermostUsingOpenCode {
    dev.ocbridge.app.architecture.violations.adapter.opencode.OpenCodeUsingTyrus openCode;
    okhttp3.sse.EventSource events;
    dev.ocbridge.app.architecture.violations.adapter.mattermost.rest.PostWire ownWireType;
}
