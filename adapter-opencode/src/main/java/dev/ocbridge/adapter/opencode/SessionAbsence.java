package dev.ocbridge.adapter.opencode;

import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.error.ServerMisroutedException;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Tells a session the server has lost from a "not found" that says nothing of the session: a proxy with a wrong
 * path, a misrouted URL or another server in the place of ours answer 404 just the same, and ending threads on
 * their word would end them for good. A session counts as gone only when the server still says it works where it
 * did (the same server) and its session list answers without the session (it knows its sessions); anything else is
 * a {@link ServerMisroutedException}, logged once until the server answers as itself again.
 */
final class SessionAbsence {

    private static final System.Logger LOG = System.getLogger(SessionAbsence.class.getName());

    private final Supplier<String> rememberedDirectory;
    private final Supplier<String> currentDirectory;
    private final Supplier<List<SessionInfo>> listedSessions;
    private final AtomicBoolean misrouted = new AtomicBoolean();

    /**
     * @param rememberedDirectory where the server said it works when the bridge first asked
     * @param currentDirectory    asks the server where it works now
     * @param listedSessions      the sessions the server lists for the served directories
     */
    SessionAbsence(Supplier<String> rememberedDirectory, Supplier<String> currentDirectory,
                   Supplier<List<SessionInfo>> listedSessions) {
        this.rememberedDirectory = rememberedDirectory;
        this.currentDirectory = currentDirectory;
        this.listedSessions = listedSessions;
    }

    /** What the server's "not found" for {@code session} means: the session is gone, or the server is not ours. */
    BridgeException explain(SessionId session, NotFoundException notFound) {
        String doubt = doubt(session);
        if (doubt == null) {
            if (misrouted.compareAndSet(true, false)) {
                LOG.log(System.Logger.Level.INFO, "OpenCode answers as the server of the bridge''s sessions again");
            }
            return notFound;
        }
        if (!misrouted.getAndSet(true)) {
            LOG.log(System.Logger.Level.WARNING, "OpenCode said session {0} does not exist, but {1}; no thread is "
                    + "ended while it answers like this ({2})", session, doubt, notFound.getMessage());
        }
        return new ServerMisroutedException("OpenCode does not answer as the server of session " + session + ": "
                + doubt, notFound);
    }

    /** Why the "not found" cannot be believed, or null when it can. */
    private String doubt(SessionId session) {
        String remembered;
        String current;
        try {
            remembered = rememberedDirectory.get();
            current = currentDirectory.get();
        } catch (BridgeException | IllegalArgumentException e) {
            return "it does not say where it works (" + e.getMessage() + ")";
        }
        if (!remembered.equals(current)) {
            return "it works in " + current + " instead of " + remembered + ", so it is another server";
        }
        List<SessionInfo> listed;
        try {
            listed = listedSessions.get();
        } catch (BridgeException | IllegalArgumentException e) {
            return "it does not list its sessions (" + e.getMessage() + ")";
        }
        if (listed.stream().anyMatch(listedSession -> listedSession.id().equals(session))) {
            return "it still lists that session";
        }
        return null;
    }
}
