package dev.ocbridge.adapter.opencode.server;

import java.util.Optional;

/**
 * Where the OpenCode server is right now. A server given by URL stays put; one the bridge runs itself gets a
 * new port and password at every start, and there is none while it restarts.
 */
public interface ServerLocation {

    /**
     * Empty while there is no server to talk to: nothing is sent then, so that no request (and no password) goes
     * to a port another process may have taken meanwhile.
     */
    Optional<ServerAccess> current();

    static ServerLocation fixed(ServerAccess access) {
        return new Fixed(access);
    }

    /** A server that never moves. */
    record Fixed(ServerAccess access) implements ServerLocation {
        @Override
        public Optional<ServerAccess> current() {
            return Optional.of(access);
        }
    }
}
