package dev.ocbridge.adapter.persistence;

import dev.ocbridge.core.port.out.MappingStore;
import dev.ocbridge.core.testing.ManualScheduler;
import dev.ocbridge.core.testing.MappingStoreContract;
import dev.ocbridge.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

class JsonFileMappingStoreContractTest extends MappingStoreContract {
    @TempDir
    Path directory;

    private JsonFileMappingStore store;
    private UnwritableDirectory stateDirectory;
    private boolean failing;

    @Override
    protected MappingStore newStore() {
        MutableClock clock = new MutableClock(T0);
        Path stateDir = directory.resolve("state");
        stateDirectory = new UnwritableDirectory(stateDir);
        store = JsonFileMappingStore.open(stateDir.resolve("mattermost-threads.json"),
                new JsonFileMappingStore.Options(clock, new ManualScheduler(clock), Runnable::run,
                        Duration.ofDays(30)));
        return store;
    }

    @Override
    protected void writesFail(boolean failing) {
        if (failing && !this.failing) {
            stateDirectory.refuseWrites();
        } else if (!failing && this.failing) {
            stateDirectory.acceptWrites();
        }
        this.failing = failing;
    }

    @AfterEach
    void closeStore() {
        writesFail(false);
        store.close();
    }
}
