package dev.ocbridge.core.error;

/** Thrown when the thing asked for does not exist (or no longer does). */
public class NotFoundException extends BridgeException {
    public NotFoundException(String message) {
        super(message, false, null);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
