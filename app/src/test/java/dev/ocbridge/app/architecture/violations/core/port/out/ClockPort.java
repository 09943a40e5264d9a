package dev.ocbridge.app.architecture.violations.core.port.out;

/** A well-named driven port, with a nested handle that is not a port itself. */
public interface ClockPort {
    java.time.Instant now();

    /** A helper type nested in a port: allowed, and not a port to be named like one. */
    interface Handle {
        void cancel();
    }
}
