package dev.ocbridge.app.di;

import dagger.Module;
import dagger.Provides;
import dev.ocbridge.adapter.persistence.JsonFileMappingStore;
import dev.ocbridge.app.config.BridgeConfig;
import dev.ocbridge.core.port.out.MappingStore;

import javax.inject.Singleton;
import java.time.Clock;

/** The durable state file. */
@Module
public final class PersistenceModule {
    private PersistenceModule() {
    }

    @Provides
    @Singleton
    static JsonFileMappingStore fileStore(BridgeConfig config, Clock clock) {
        return JsonFileMappingStore.open(config.mappingFile(), clock);
    }

    @Provides
    static MappingStore mappingStore(JsonFileMappingStore store) {
        return store;
    }
}
