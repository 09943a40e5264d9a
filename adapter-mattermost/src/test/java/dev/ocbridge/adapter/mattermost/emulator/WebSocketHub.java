package dev.ocbridge.adapter.mattermost.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;

/** The emulated server's open websocket connections and how events reach them. */
final class WebSocketHub {
    private final Set<EmulatedConnection> open = new CopyOnWriteArraySet<>();
    private final AtomicInteger authentications = new AtomicInteger();
    private final List<EmulatedTyping> typing = new CopyOnWriteArrayList<>();

    void opened(EmulatedConnection connection) {
        open.add(connection);
    }

    void authenticated(EmulatedConnection connection) {
        authentications.incrementAndGet();
    }

    void closed(EmulatedConnection connection) {
        open.remove(connection);
    }

    /** Sends an event to every authenticated connection of every member of the channel. */
    void toChannelMembers(EmulatedChannel channel, String event, Map<String, Object> data) {
        Map<String, Object> broadcast = broadcast(channel.id(), "");
        for (EmulatedConnection connection : open) {
            if (connection.userId().filter(channel.memberIds()::contains).isPresent()) {
                connection.send(event, data, broadcast);
            }
        }
    }

    /** Records the typing and tells the channel's other members, as the real server's {@code typing} event does. */
    void typing(EmulatedTyping typed, EmulatedChannel channel) {
        typing.add(typed);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("parent_id", typed.parentId());
        data.put("user_id", typed.userId());
        Map<String, Object> broadcast = broadcast(channel.id(), "");
        broadcast.put("omit_users", Map.of(typed.userId(), true));
        for (EmulatedConnection connection : open) {
            if (connection.userId().filter(channel.memberIds()::contains).filter(user -> !user.equals(typed.userId()))
                    .isPresent()) {
                connection.send("typing", data, broadcast);
            }
        }
    }

    List<EmulatedTyping> typingIn(String channelId) {
        return typing.stream().filter(typed -> typed.channelId().equals(channelId)).toList();
    }

    void toUser(String userId, String event, Map<String, Object> data) {
        for (EmulatedConnection connection : open) {
            if (connection.userId().filter(userId::equals).isPresent()) {
                connection.send(event, data, broadcast("", userId));
            }
        }
    }

    void raw(String text) {
        for (EmulatedConnection connection : open) {
            if (connection.userId().isPresent()) {
                connection.sendRaw(text);
            }
        }
    }

    void loseNextEvents(int count) {
        open.forEach(connection -> connection.loseNextEvents(count));
    }

    void freeze() {
        open.forEach(EmulatedConnection::freeze);
    }

    void toEveryone(String event, Map<String, Object> data) {
        for (EmulatedConnection connection : open) {
            connection.userId().ifPresent(user -> connection.send(event, data, broadcast("", user)));
        }
    }

    void closeAll(int code, String reason) {
        for (EmulatedConnection connection : List.copyOf(open)) {
            connection.close(code, reason);
        }
        open.clear();
    }

    int authenticatedConnections() {
        return (int) open.stream().filter(c -> c.userId().isPresent()).count();
    }

    int authentications() {
        return authentications.get();
    }

    static Map<String, Object> broadcast(String channelId, String userId) {
        Map<String, Object> broadcast = new LinkedHashMap<>();
        broadcast.put("omit_users", null);
        broadcast.put("user_id", userId);
        broadcast.put("channel_id", channelId);
        broadcast.put("team_id", "");
        broadcast.put("connection_id", "");
        broadcast.put("omit_connection_id", "");
        return broadcast;
    }
}
