package dev.ocbridge.core.error;

/** Thrown when the remote side is down, overloaded or unreachable. */
public class UnavailableException extends BridgeException {
    public UnavailableException(String message) {
        super(message, true, null);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, true, cause);
    }
}
