package dev.ocbridge.app.di;

import dagger.Module;
import dagger.Provides;
import dev.ocbridge.app.config.BridgeConfig;
import dev.ocbridge.app.ops.BridgeGauges;
import dev.ocbridge.app.ops.MicrometerMetricsAdapter;
import dev.ocbridge.app.ops.OperationsServer;
import dev.ocbridge.core.health.BridgeHealth;
import dev.ocbridge.core.port.out.MappingStore;
import dev.ocbridge.core.port.out.MetricsPort;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import javax.inject.Named;
import javax.inject.Singleton;
import java.util.Optional;

/** Metrics, and the HTTP endpoint that serves them with health and readiness. */
@Module
public final class OperationsModule {
    private OperationsModule() {
    }

    @Provides
    @Singleton
    static PrometheusMeterRegistry registry(BridgeHealth health, MappingStore mappings,
                                            @Named("version") String version) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new BridgeGauges(health, mappings, version).bindTo(registry);
        return registry;
    }

    @Provides
    @Singleton
    static MetricsPort metrics(PrometheusMeterRegistry registry) {
        return new MicrometerMetricsAdapter(registry);
    }

    /** Not started: {@code Main} starts it, so that an address that cannot be bound is reported as a setting. */
    @Provides
    @Singleton
    static Optional<OperationsServer> operations(BridgeConfig config, BridgeHealth health,
                                                 PrometheusMeterRegistry registry) {
        return config.httpAddress().map(address -> new OperationsServer(address, health, registry));
    }
}
