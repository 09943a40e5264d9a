package dev.ocbridge.core.error;

/** A failure crossing a port, said in domain words. {@code retryable}: trying again later may work. */
public abstract class BridgeException extends RuntimeException {
    private final boolean retryable;

    protected BridgeException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
