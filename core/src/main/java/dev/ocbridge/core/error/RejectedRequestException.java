package dev.ocbridge.core.error;

/** Thrown when the remote side refused the request as invalid (too long, bad value, ...). */
public class RejectedRequestException extends BridgeException {
    public RejectedRequestException(String message) {
        super(message, false, null);
    }

    public RejectedRequestException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
