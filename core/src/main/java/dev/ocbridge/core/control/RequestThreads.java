package dev.ocbridge.core.control;

import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.MappingStore;
import dev.ocbridge.core.port.out.SessionPort;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the thread a session's requests go to. A sub-agent's session has no thread of its own: its requests
 * are shown in the thread of its root session, whose run waits on them.
 */
public final class RequestThreads {
    /** Deeper than any sub-agent nesting seen; stops a loop in broken data. */
    private static final int MAX_DEPTH = 8;

    private final MappingStore mappings;
    private final SessionPort sessions;
    private final ChatPort chat;
    /** Sub-agent sessions come and go by the thousand; a parent looked up again costs one server call. */
    private static final int REMEMBERED_PARENTS = 10_000;

    private final Map<SessionId, SessionId> parents = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<SessionId, SessionId> eldest) {
                    return size() > REMEMBERED_PARENTS;
                }
            });
    private final Map<UserId, String> usernames = new ConcurrentHashMap<>();

    public RequestThreads(MappingStore mappings, SessionPort sessions, ChatPort chat) {
        this.mappings = mappings;
        this.sessions = sessions;
        this.chat = chat;
    }

    /** Empty when neither the session nor any parent of it has a live thread. */
    public Optional<RequestThread> of(SessionId session) {
        SessionId current = session;
        for (int depth = 0; depth < MAX_DEPTH && current != null; depth++) {
            Optional<ThreadMapping> mapping = mappings.findBySession(current);
            if (mapping.isPresent()) {
                return mapping.filter(ThreadMapping::isActive)
                        .map(live -> new RequestThread(live, usernameOf(live.userId())));
            }
            current = parentOf(current).orElse(null);
        }
        return Optional.empty();
    }

    private Optional<SessionId> parentOf(SessionId session) {
        SessionId known = parents.get(session);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<SessionId> parent = sessions.session(session).flatMap(SessionInfo::parent);
        parent.ifPresent(id -> parents.put(session, id));
        return parent;
    }

    private String usernameOf(UserId user) {
        return usernames.computeIfAbsent(user, id -> chat.user(id).username());
    }
}
