package dev.ocbridge.core.testing;

import dev.ocbridge.core.port.out.MetricsPort;

class FakeMetricsPortContractTest extends MetricsPortContract {
    private final FakeMetricsPort fake = new FakeMetricsPort();

    @Override
    protected MetricsPort metrics() {
        return fake;
    }

    @Override
    protected double promptsForwarded() {
        return fake.routeLatencies().size();
    }

    @Override
    protected double answersCompleted() {
        return fake.answersCompleted();
    }

    @Override
    protected double postsCreated() {
        return fake.postsCreated();
    }

    @Override
    protected double postsEdited() {
        return fake.postsEdited();
    }

    @Override
    protected double requests(MetricsPort.Server server, MetricsPort.RequestOutcome outcome) {
        return fake.requests(server, outcome);
    }

    @Override
    protected double reconnects(MetricsPort.Server server) {
        return fake.reconnects(server);
    }

    @Override
    protected double events(MetricsPort.Server server, String type) {
        return fake.events(server, type);
    }
}
