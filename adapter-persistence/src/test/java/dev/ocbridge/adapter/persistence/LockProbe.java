package dev.ocbridge.adapter.persistence;

import dev.ocbridge.core.error.StateStoreException;

import dev.ocbridge.core.testing.ManualScheduler;
import dev.ocbridge.core.testing.MutableClock;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Run in a second JVM by the tests: tries to open the state file named by the argument and answers by exit
 * code, with the refusal message on stderr.
 */
public final class LockProbe {
    static final int OPENED = 0;
    static final int REFUSED = 3;

    private LockProbe() {
    }

    public static void main(String[] args) {
        int outcome;
        try {
            MutableClock clock = new MutableClock(Instant.now());
            JsonFileMappingStore.open(Path.of(args[0]), new JsonFileMappingStore.Options(clock,
                    new ManualScheduler(clock), Runnable::run, Duration.ofDays(30))).close();
            outcome = OPENED;
        } catch (StateStoreException e) {
            System.err.println(e.getMessage());
            outcome = REFUSED;
        }
        System.exit(outcome);
    }
}
