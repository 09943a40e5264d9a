package dev.ocbridge.adapter.persistence;

import dev.ocbridge.core.port.out.MappingStore;
import dev.ocbridge.core.testing.MappingStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class JsonFileMappingStoreContractTest extends MappingStoreContract {
    @TempDir
    Path directory;

    private JsonFileMappingStore store;

    @Override
    protected MappingStore newStore() {
        store = JsonFileMappingStore.open(directory.resolve("mattermost-threads.json"));
        return store;
    }

    @AfterEach
    void closeStore() {
        store.close();
    }
}
