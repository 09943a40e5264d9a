package dev.ocbridge.app.ops;

import dev.ocbridge.core.port.out.MetricsPort.RequestOutcome;
import dev.ocbridge.core.port.out.MetricsPort.Server;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class MicrometerMetricsAdapterTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MicrometerMetricsAdapter metrics = new MicrometerMetricsAdapter(registry);

    @Test
    void everyCounterWithFixedLabelsIsThereAtZeroBeforeAnythingHappened() {
        PrometheusText text = PrometheusText.parse(registry.scrape());

        for (String server : new String[] {"mattermost", "opencode"}) {
            for (String outcome : new String[] {"ok", "4xx", "429", "5xx", "network"}) {
                assertThat(text.value("ocbridge_requests_total{server=\"" + server + "\",outcome=\"" + outcome + "\"}"))
                        .isZero();
            }
            assertThat(text.value("ocbridge_stream_reconnects_total{server=\"" + server + "\"}")).isZero();
        }
        assertThat(text.value("ocbridge_prompts_forwarded_total")).isZero();
        assertThat(text.value("ocbridge_answers_completed_total")).isZero();
        assertThat(text.value("ocbridge_posts_total{action=\"created\"}")).isZero();
        assertThat(text.value("ocbridge_posts_total{action=\"edited\"}")).isZero();
        assertThat(text.types()).containsEntry("ocbridge_route_latency_seconds", "histogram")
                .containsEntry("ocbridge_first_token_latency_seconds", "histogram");
    }

    @Test
    void whatIsReportedIsCountedUnderItsLabels() {
        metrics.requestCompleted(Server.AGENT, RequestOutcome.UNREACHABLE);
        metrics.streamReconnected(Server.CHAT);
        metrics.eventReceived(Server.AGENT, "session.idle");
        metrics.eventReceived(Server.AGENT, "session.idle");
        metrics.firstTextShown(Duration.ofSeconds(2));
        metrics.answerCompleted();
        metrics.postCreated();
        metrics.postEdited();

        PrometheusText text = PrometheusText.parse(registry.scrape());

        assertThat(text.value("ocbridge_requests_total{server=\"opencode\",outcome=\"network\"}")).isEqualTo(1);
        assertThat(text.value("ocbridge_stream_reconnects_total{server=\"mattermost\"}")).isEqualTo(1);
        assertThat(text.value("ocbridge_events_total{server=\"opencode\",type=\"session.idle\"}")).isEqualTo(2);
        assertThat(text.value("ocbridge_first_token_latency_seconds_bucket{le=\"2.5\"}")).isEqualTo(1);
        assertThat(text.value("ocbridge_first_token_latency_seconds_bucket{le=\"1.0\"}")).isZero();
        assertThat(text.value("ocbridge_answers_completed_total")).isEqualTo(1);
        assertThat(text.value("ocbridge_posts_total{action=\"created\"}")).isEqualTo(1);
        assertThat(text.value("ocbridge_posts_total{action=\"edited\"}")).isEqualTo(1);
    }

    @Test
    void aServerInventingEventTypesEndsUpUnderOther() {
        for (int i = 0; i < MicrometerMetricsAdapter.MOST_EVENT_TYPES + 5; i++) {
            metrics.eventReceived(Server.CHAT, "type" + i);
        }

        PrometheusText text = PrometheusText.parse(registry.scrape());

        assertThat(text.value("ocbridge_events_total{server=\"mattermost\",type=\"other\"}")).isEqualTo(5);
        assertThat(text.value("ocbridge_events_total{server=\"mattermost\",type=\"type0\"}")).isEqualTo(1);
    }
}
