package dev.ocbridge.app.di;

import dagger.BindsInstance;
import dagger.Component;
import dev.ocbridge.app.runtime.BridgeRuntime;
import dev.ocbridge.app.config.BridgeConfig;
import dev.ocbridge.app.ops.OperationsServer;

import javax.inject.Named;
import javax.inject.Singleton;
import java.util.Optional;

/** The composition root: every part of the bridge, built from the configuration. */
@Singleton
@Component(modules = {CoreModule.class, RuntimeModule.class, PersistenceModule.class, MattermostModule.class,
        OpenCodeModule.class, OperationsModule.class})
public interface BridgeComponent {

    BridgeRuntime runtime();

    /** The HTTP endpoint for health, readiness and metrics, unless it is off. */
    Optional<OperationsServer> operations();

    @Component.Factory
    interface Factory {
        BridgeComponent create(@BindsInstance BridgeConfig config, @BindsInstance @Named("version") String version);
    }
}
