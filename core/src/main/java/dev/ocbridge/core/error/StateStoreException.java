package dev.ocbridge.core.error;

/** Thrown when the durable state could not be read or written. */
public class StateStoreException extends BridgeException {
    public StateStoreException(String message) {
        super(message, false, null);
    }

    public StateStoreException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
