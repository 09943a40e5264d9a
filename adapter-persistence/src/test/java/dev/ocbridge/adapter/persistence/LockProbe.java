package dev.ocbridge.adapter.persistence;

import dev.ocbridge.core.error.StateStoreException;

import java.nio.file.Path;

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
            JsonFileMappingStore.open(Path.of(args[0])).close();
            outcome = OPENED;
        } catch (StateStoreException e) {
            System.err.println(e.getMessage());
            outcome = REFUSED;
        }
        System.exit(outcome);
    }
}
