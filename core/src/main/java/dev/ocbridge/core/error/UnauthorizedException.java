package dev.ocbridge.core.error;

/** Thrown when the credentials were refused; retrying will not help. */
public class UnauthorizedException extends BridgeException {
    public UnauthorizedException(String message) {
        super(message, false, null);
    }

    public UnauthorizedException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
