package dev.ocbridge.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocbridge.app.config.ConfigException;
import dev.ocbridge.core.domain.RequestKey;
import dev.ocbridge.core.domain.RequestKind;
import dev.ocbridge.core.health.BridgeHealth;
import dev.ocbridge.core.port.out.MetricsPort;
import dev.ocbridge.core.testing.InMemoryMappingStore;
import dev.ocbridge.core.testing.MappingStoreContract;
import dev.ocbridge.core.testing.MutableClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperationsServerTest {
    private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final BridgeHealth health = new BridgeHealth(clock);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MetricsPort metrics = new MicrometerMetricsAdapter(registry);
    private final OperationsServer server = new OperationsServer(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), health, registry);
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void healthzAnswersWhileTheProcessIsUp() throws Exception {
        server.start();

        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void readyzNamesWhatIsDownAndSinceWhen() throws Exception {
        server.start();
        clock.advance(Duration.ofSeconds(30));
        health.chatConnected(true);

        HttpResponse<String> response = get("/readyz");

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.get("ready").asBoolean()).isFalse();
        assertThat(body.get("down")).hasSize(1);
        assertThat(body.get("down").get(0).get("name").asText()).isEqualTo("opencode");
        assertThat(body.get("down").get(0).get("since").asText()).isEqualTo(START.toString());
    }

    @Test
    void readyzIsOkOnceBothStreamsAreConnected() throws Exception {
        server.start();
        health.chatConnected(true);
        health.agentConnected(true);

        HttpResponse<String> response = get("/readyz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(response.body()).get("ready").asBoolean()).isTrue();
    }

    @Test
    void metricsAreServedInThePrometheusTextFormat() throws Exception {
        new BridgeGauges(health, new InMemoryMappingStore(), "1.2.3").bindTo(registry);
        server.start();
        metrics.promptForwarded(Duration.ofMillis(300));

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        PrometheusText text = PrometheusText.parse(response.body());
        assertThat(text.value("ocbridge_prompts_forwarded_total")).isEqualTo(1.0);
        assertThat(text.value("ocbridge_route_latency_seconds_bucket{le=\"0.5\"}")).isEqualTo(1.0);
        assertThat(text.value("ocbridge_route_latency_seconds_bucket{le=\"0.25\"}")).isEqualTo(0.0);
        assertThat(text.value("ocbridge_requests_total{outcome=\"429\",server=\"mattermost\"}")).isEqualTo(0.0);
        assertThat(text.value("ocbridge_stream_connected{server=\"opencode\"}")).isEqualTo(0.0);
        assertThat(text.value("ocbridge_build_info{version=\"1.2.3\"}")).isEqualTo(1.0);
    }

    @Test
    void theRequestsWaitingForAnAnswerAreThoseWhosePostsTheStateKeeps() throws Exception {
        InMemoryMappingStore state = new InMemoryMappingStore();
        state.saveRequestPost(MappingStoreContract.requestPost(RequestKind.PERMISSION, 1));
        state.saveRequestPost(MappingStoreContract.requestPost(RequestKind.PERMISSION, 2));
        state.saveRequestPost(MappingStoreContract.requestPost(RequestKind.QUESTION, 3));
        new BridgeGauges(health, state, "1.2.3").bindTo(registry);
        server.start();
        state.removeRequestPost(new RequestKey(RequestKind.PERMISSION, "per_1"));

        PrometheusText text = PrometheusText.parse(get("/metrics").body());

        assertThat(text.value("ocbridge_pending_requests{kind=\"permission\"}")).isEqualTo(1.0);
        assertThat(text.value("ocbridge_pending_requests{kind=\"question\"}")).isEqualTo(1.0);
    }

    @Test
    void aStateFileThatCannotBeWrittenShowsInTheMetrics() throws Exception {
        InMemoryMappingStore store = new InMemoryMappingStore();
        new BridgeGauges(health, store, "1.2.3").bindTo(registry);
        server.start();
        store.failWrites(true);
        store.save(MappingStoreContract.mapping(1));

        PrometheusText text = PrometheusText.parse(get("/metrics").body());

        assertThat(text.value("ocbridge_state_write_failing")).isEqualTo(1.0);
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        server.start();

        assertThat(get("/healthz/more").statusCode()).isEqualTo(404);
        assertThat(get("/").statusCode()).isEqualTo(404);
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void anAddressInUseIsReportedAsTheSettingToChange() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            OperationsServer second = new OperationsServer(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort()), health, registry);

            assertThatThrownBy(second::start).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("OPENCODE_MM_HTTP_ADDRESS cannot be bound: 127.0.0.1:" + taken.getLocalPort());
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.boundAddress().getPort() + path);
    }
}
