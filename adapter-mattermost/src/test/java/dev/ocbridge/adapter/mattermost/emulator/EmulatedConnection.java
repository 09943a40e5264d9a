package dev.ocbridge.adapter.mattermost.emulator;

import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One websocket connection to the emulated server: the authentication challenge, replies to actions
 * ({@code seq_reply}) and events with the connection's own {@code seq}, starting at 0 with {@code hello}.
 */
final class EmulatedConnection extends WebSocketListener {
    private final WebSocketHub hub;
    private final EmulatorState state;
    private final String connectionId;
    private WebSocket socket;
    private String userId;
    private long nextSeq;
    private int eventsToLose;
    private final CountDownLatch thaw = new CountDownLatch(1);
    private volatile boolean frozen;

    private final EmulatedUser authenticatedByHeader;

    /** {@code authenticatedByHeader}: the user whose token came with the upgrade request, or null. */
    EmulatedConnection(WebSocketHub hub, EmulatorState state, EmulatedUser authenticatedByHeader) {
        this.hub = hub;
        this.state = state;
        this.connectionId = state.newId();
        this.authenticatedByHeader = authenticatedByHeader;
    }

    synchronized Optional<String> userId() {
        return Optional.ofNullable(userId);
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        synchronized (this) {
            socket = webSocket;
        }
        hub.opened(this);
        if (authenticatedByHeader != null) {
            // Like the real server: a token in the upgrade request authenticates at once, hello follows.
            welcome(authenticatedByHeader);
        }
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        if (frozen) {
            hang();
            return;
        }
        Map<String, Object> frame;
        try {
            frame = Wire.parseObject(text);
        } catch (ApiError malformed) {
            return;
        }
        long seq = frame.get("seq") instanceof Number n ? n.longValue() : 0;
        Object action = frame.get("action");
        if ("authentication_challenge".equals(action)) {
            authenticate(seq, frame.get("data"));
        } else if (userId().isEmpty()) {
            replyFail(seq, "api.web_socket_router.not_authenticated.app_error",
                    "The websocket connection is not authenticated.");
        } else if ("ping".equals(action)) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("node_id", "");
            data.put("server_time", System.currentTimeMillis());
            data.put("text", "pong");
            data.put("version", MattermostEmulator.SERVER_VERSION);
            reply(seq, data);
        } else if ("user_typing".equals(action)) {
            typing(seq, frame.get("data"));
        } else if ("get_statuses".equals(action)) {
            reply(seq, null);
        } else {
            replyFail(seq, "api.web_socket_router.bad_action.app_error", "Unknown WebSocket action.");
        }
    }

    /**
     * Like the real server: the channel must be one the user may post in, else the action fails naming the
     * parameter; the other members' connections get a {@code typing} event with the thread's root as parent.
     */
    private void typing(long seq, Object data) {
        Map<?, ?> fields = data instanceof Map<?, ?> map ? map : Map.of();
        String user = userId().orElseThrow();
        Optional<EmulatedChannel> channel = fields.get("channel_id") instanceof String id
                ? state.findChannel(id).filter(found -> found.memberIds().contains(user)) : Optional.empty();
        if (channel.isEmpty()) {
            replyFail(seq, "api.websocket_handler.invalid_param.app_error", "Invalid channel_id parameter.");
            return;
        }
        String parent = fields.get("parent_id") instanceof String id ? id : "";
        hub.typing(new EmulatedTyping(user, channel.get().id(), parent), channel.get());
        reply(seq, null);
    }

    private void authenticate(long seq, Object data) {
        if (userId().isPresent()) {
            return;
        }
        Object token = data instanceof Map<?, ?> map ? map.get("token") : null;
        Optional<EmulatedUser> user = token instanceof String t ? state.userByToken(t) : Optional.empty();
        if (user.isEmpty()) {
            // The real server closes the connection without answering a challenge with a bad token.
            close(1008, "");
            return;
        }
        reply(seq, null);
        welcome(user.get());
    }

    private void welcome(EmulatedUser user) {
        synchronized (this) {
            userId = user.id();
        }
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("connection_id", connectionId);
        hello.put("server_version", MattermostEmulator.SERVER_VERSION);
        send("hello", hello, WebSocketHub.broadcast("", user.id()));
        hub.authenticated(this);
    }

    synchronized void send(String event, Map<String, Object> data, Map<String, Object> broadcast) {
        if (frozen) {
            return;
        }
        if (eventsToLose > 0) {
            eventsToLose--;
            nextSeq++;
            return;
        }
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("event", event);
        frame.put("data", data);
        frame.put("broadcast", broadcast);
        frame.put("seq", nextSeq++);
        socket.send(Wire.json(frame));
    }

    synchronized void sendRaw(String text) {
        if (!frozen) {
            socket.send(text);
        }
    }

    /** The next {@code count} events are not sent but use up their sequence numbers, as if lost on the way. */
    synchronized void loseNextEvents(int count) {
        eventsToLose += count;
    }

    /**
     * Makes the connection hang like a dead peer: the next frame from the client blocks the connection's reader, so
     * neither replies nor protocol-level pongs come back, until the connection is closed.
     */
    void freeze() {
        frozen = true;
    }

    private void hang() {
        try {
            thaw.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void reply(long seq, Map<String, Object> data) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("status", "OK");
        frame.put("seq_reply", seq);
        if (data != null) {
            frame.put("data", data);
        }
        socket.send(Wire.json(frame));
    }

    private synchronized void replyFail(long seq, String id, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("id", id);
        error.put("message", message);
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("status", "FAIL");
        frame.put("seq_reply", seq);
        frame.put("error", error);
        socket.send(Wire.json(frame));
    }

    synchronized void close(int code, String reason) {
        thaw.countDown();
        if (socket != null) {
            socket.close(code, reason);
        }
        hub.closed(this);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        thaw.countDown();
        webSocket.close(1000, null);
        hub.closed(this);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        thaw.countDown();
        hub.closed(this);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        thaw.countDown();
        hub.closed(this);
    }
}
