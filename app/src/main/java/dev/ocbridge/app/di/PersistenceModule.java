package dev.ocbridge.app.di;

import dagger.Module;
import dagger.Provides;
import dev.ocbridge.adapter.persistence.JsonFileMappingStore;
import dev.ocbridge.app.config.BridgeConfig;
import dev.ocbridge.core.port.out.MappingStore;
import dev.ocbridge.core.port.out.SchedulerPort;

import javax.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/** The durable state file. */
@Module
public final class PersistenceModule {
    private PersistenceModule() {
    }

    @Provides
    @Singleton
    static JsonFileMappingStore fileStore(BridgeConfig config, Clock clock, SchedulerPort scheduler,
                                          ExecutorService workers) {
        return JsonFileMappingStore.open(config.mappingFile(),
                new JsonFileMappingStore.Options(clock, scheduler, workers, config.keepEnded()));
    }

    @Provides
    static MappingStore mappingStore(JsonFileMappingStore store) {
        return store;
    }
}
