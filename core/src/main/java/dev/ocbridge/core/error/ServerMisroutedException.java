package dev.ocbridge.core.error;

/**
 * The agent server answered that a session does not exist, but it does not answer as the server that holds the
 * bridge's sessions (a wrong proxy path, a misrouted URL, another server in its place). Nothing is known to be
 * gone: threads stay open, and trying again later may work.
 */
public class ServerMisroutedException extends UnavailableException {
    public ServerMisroutedException(String message) {
        super(message);
    }

    public ServerMisroutedException(String message, Throwable cause) {
        super(message, cause);
    }
}
