package dev.ocbridge.app.di;

import dagger.BindsInstance;
import dagger.Component;
import dev.ocbridge.app.runtime.BridgeRuntime;
import dev.ocbridge.app.config.BridgeConfig;

import javax.inject.Named;
import javax.inject.Singleton;

/** The composition root: every part of the bridge, built from the configuration. */
@Singleton
@Component(modules = {CoreModule.class, RuntimeModule.class, PersistenceModule.class, MattermostModule.class,
        OpenCodeModule.class})
public interface BridgeComponent {

    BridgeRuntime runtime();

    @Component.Factory
    interface Factory {
        BridgeComponent create(@BindsInstance BridgeConfig config, @BindsInstance @Named("version") String version);
    }
}
