package dev.ocbridge.app.ops;

import dev.ocbridge.core.port.out.MetricsPort;
import dev.ocbridge.core.testing.MetricsPortContract;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The port's contract on the real adapter, read back from what Prometheus would scrape. */
class MicrometerMetricsPortContractTest extends MetricsPortContract {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MicrometerMetricsAdapter adapter = new MicrometerMetricsAdapter(registry);

    @Override
    protected MetricsPort metrics() {
        return adapter;
    }

    @Override
    protected double promptsForwarded() {
        return scraped("ocbridge_prompts_forwarded_total");
    }

    @Override
    protected double answersCompleted() {
        return scraped("ocbridge_answers_completed_total");
    }

    @Override
    protected double postsCreated() {
        return scraped("ocbridge_posts_total{action=\"created\"}");
    }

    @Override
    protected double postsEdited() {
        return scraped("ocbridge_posts_total{action=\"edited\"}");
    }

    @Override
    protected double requests(MetricsPort.Server server, MetricsPort.RequestOutcome outcome) {
        return scraped("ocbridge_requests_total{server=\"" + MicrometerMetricsAdapter.name(server) + "\",outcome=\""
                + MicrometerMetricsAdapter.name(outcome) + "\"}");
    }

    @Override
    protected double reconnects(MetricsPort.Server server) {
        return scraped("ocbridge_stream_reconnects_total{server=\"" + MicrometerMetricsAdapter.name(server) + "\"}");
    }

    @Override
    protected double events(MetricsPort.Server server, String type) {
        return scraped("ocbridge_events_total{server=\"" + MicrometerMetricsAdapter.name(server) + "\",type=\""
                + type + "\"}");
    }

    private double scraped(String sample) {
        return PrometheusText.parse(registry.scrape()).value(sample);
    }
}
