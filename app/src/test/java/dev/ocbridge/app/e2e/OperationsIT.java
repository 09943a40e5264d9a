package dev.ocbridge.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.app.ops.PrometheusText;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Health, readiness and metrics over HTTP, the address setting, and the JSON log format. */
class OperationsIT extends EndToEndTest {
    private static final int DEFAULT_PORT = 9321;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void readinessFollowsTheWebsocketAndTheMetricsCountThePrompts() throws Exception {
        mattermost.failWith("GET /websocket", Integer.MAX_VALUE, 503);
        URI endpoint = operationsUrl(startBridge());

        assertThat(get(endpoint, "healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> notReady = get(endpoint, "readyz");
        assertThat(notReady.statusCode()).isEqualTo(503);
        JsonNode down = JSON.readTree(notReady.body()).get("down");
        assertThat(down).anySatisfy(part -> {
            assertThat(part.get("name").asText()).isEqualTo("mattermost");
            assertThat(part.get("since").asText()).isNotBlank();
        });

        mattermost.stopRefusing();
        Eventually.awaitTrue("ready", () -> status(endpoint, "readyz") == 200);

        double before = metrics(endpoint).value("ocbridge_prompts_forwarded_total");
        llm.enqueueText("Done.");
        EmulatedPost post = mattermost.post(alice, aliceDm.id(), "count me");
        awaitThreadContains(post.id(), "Done.");
        // The first token is counted when the create's answer reaches the bridge, a moment after the server stored it.
        Eventually.awaitTrue("the first token counted",
                () -> firstTokensCounted(endpoint) > 0);
        PrometheusText after = metrics(endpoint);
        assertThat(after.value("ocbridge_prompts_forwarded_total")).isEqualTo(before + 1);
        assertThat(after.value("ocbridge_route_latency_seconds_count")).isEqualTo(before + 1);
        assertThat(after.value("ocbridge_first_token_latency_seconds_count")).isPositive();
        assertThat(after.value("ocbridge_requests_total{server=\"mattermost\",outcome=\"ok\"}")).isPositive();
        assertThat(after.value("ocbridge_events_total{server=\"mattermost\",type=\"posted\"}")).isPositive();
        assertThat(after.value("ocbridge_sessions_mapped")).isEqualTo(1);
        assertThat(after.types()).containsKeys("jvm_memory_used_bytes", "process_uptime_seconds",
                "process_cpu_usage");
    }

    @Test
    void withNoAddressSetTheEndpointListensOnLoopbackPort9321() throws Exception {
        assumeTrue(free(DEFAULT_PORT), "port " + DEFAULT_PORT + " is taken by something else on this machine");
        startBridge(Map.of("OPENCODE_MM_HTTP_ADDRESS", ""));

        assertThat(status(URI.create("http://127.0.0.1:" + DEFAULT_PORT + "/"), "healthz")).isEqualTo(200);
    }

    @Test
    void anAddressThatCannotBeBoundStopsTheStartWithOneLineNamingTheSetting() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            BridgeProcess bridge = launchBridge(Map.of("OPENCODE_MM_HTTP_ADDRESS", "127.0.0.1:" + taken.getLocalPort()));

            assertThat(bridge.awaitExit()).isEqualTo(2);
            assertThat(bridge.output()).filteredOn(line -> line.startsWith("Configuration error:"))
                    .singleElement().satisfies(line ->
                            assertThat(line).contains("OPENCODE_MM_HTTP_ADDRESS", "127.0.0.1:" + taken.getLocalPort()));
        }
    }

    @Test
    void jsonLogsAreOneObjectPerLineNamingTheSessionALineIsAbout() throws IOException {
        BridgeProcess bridge = startBridge(Map.of("OPENCODE_MM_LOG_FORMAT", "json"));
        llm.enqueueText("Hi.");
        EmulatedPost post = mattermost.post(alice, aliceDm.id(), "log me");
        awaitThreadContains(post.id(), "Hi.");
        String session = allSessions().get(0).id().value();

        List<String> lines = bridge.output();
        for (String line : lines) {
            JsonNode object = JSON.readTree(line);
            assertThat(object.isObject()).as(line).isTrue();
            assertThat(object.get("time").asText()).as(line).endsWith("Z");
            assertThat(object.get("level").asText()).as(line).isIn("ERROR", "WARN", "INFO", "DEBUG", "TRACE");
            assertThat(object.get("logger").asText()).as(line).isNotBlank();
            assertThat(object.has("message")).as(line).isTrue();
        }
        Optional<JsonNode> started = lines.stream().map(OperationsIT::json)
                .filter(object -> object.get("message").asText().startsWith("Started session")).findFirst();
        assertThat(started).hasValueSatisfying(object -> {
            assertThat(object.get("sessionId").asText()).isEqualTo(session);
            assertThat(object.get("threadId").asText()).isEqualTo(post.id());
        });
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private PrometheusText metrics(URI endpoint) throws IOException, InterruptedException {
        HttpResponse<String> response = get(endpoint, "metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    private double firstTokensCounted(URI endpoint) {
        try {
            return metrics(endpoint).value("ocbridge_first_token_latency_seconds_count");
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private int status(URI endpoint, String path) {
        try {
            return get(endpoint, path).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpResponse<String> get(URI endpoint, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
