package dev.ocbridge.app.ops;

import dev.ocbridge.core.domain.RequestKind;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.health.BridgeHealth;
import dev.ocbridge.core.port.out.MappingStore;
import dev.ocbridge.core.port.out.MetricsPort;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Locale;

/**
 * The levels the core knows, read when the metrics are scraped: sessions, requests waiting for an answer,
 * connections.
 */
public final class BridgeGauges implements MeterBinder {
    private final BridgeHealth health;
    private final MappingStore mappings;
    private final String version;

    public BridgeGauges(BridgeHealth health, MappingStore mappings, String version) {
        this.health = health;
        this.mappings = mappings;
        this.version = version;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ocbridge.sessions.mapped", mappings, BridgeGauges::activeMappings)
                .description("Sessions with a live thread").register(registry);
        Gauge.builder("ocbridge.sessions.busy", health, BridgeHealth::busySessions)
                .description("Sessions OpenCode reports working").register(registry);
        for (RequestKind kind : RequestKind.values()) {
            Gauge.builder("ocbridge.pending.requests", mappings, store -> waiting(store, kind))
                    .description("Permission requests and questions waiting for an answer")
                    .tag("kind", kind.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        Gauge.builder("ocbridge.stream.connected", health, h -> h.chatConnected() ? 1 : 0)
                .description("1 while the server's live event stream is connected")
                .tag("server", MicrometerMetricsAdapter.name(MetricsPort.Server.CHAT)).register(registry);
        Gauge.builder("ocbridge.stream.connected", health, h -> h.agentConnected() ? 1 : 0)
                .description("1 while the server's live event stream is connected")
                .tag("server", MicrometerMetricsAdapter.name(MetricsPort.Server.AGENT)).register(registry);
        Gauge.builder("ocbridge.state.write.failing", mappings, store -> store.writesFailing() ? 1 : 0)
                .description("1 while the state file cannot be written; the bridge runs from memory and retries")
                .register(registry);
        Gauge.builder("ocbridge.build.info", () -> 1).description("The running version")
                .tag("version", version).register(registry);
    }

    /** The requests whose posts wait for an answer: what the control work keeps in the state. */
    private static double waiting(MappingStore store, RequestKind kind) {
        return store.requestPosts().stream().filter(request -> request.key().kind() == kind).count();
    }

    private static double activeMappings(MappingStore store) {
        return store.mappings().stream().filter(ThreadMapping::isActive).count();
    }
}
