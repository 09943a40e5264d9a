package dev.ocbridge.app.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ocbridge.app.config.ConfigException;
import dev.ocbridge.app.config.Setting;
import dev.ocbridge.core.health.BridgeHealth;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The operations endpoint: {@code GET /healthz} (the process is up), {@code GET /readyz} (its connections
 * are), {@code GET /metrics} (Prometheus text format). Read-only and without secrets, so it needs no
 * authentication; it listens on loopback unless told otherwise.
 */
public final class OperationsServer {
    private static final System.Logger LOG = System.getLogger(OperationsServer.class.getName());
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";

    private final InetSocketAddress address;
    private final Readiness readiness;
    private final PrometheusMeterRegistry registry;
    private final ObjectMapper json = new ObjectMapper();
    private HttpServer server;
    private ExecutorService executor;

    public OperationsServer(InetSocketAddress address, BridgeHealth health, PrometheusMeterRegistry registry) {
        this.address = address;
        this.readiness = new Readiness(health);
        this.registry = registry;
    }

    /** Binds the address; one that cannot be bound is a setting to change, so it is reported as one. */
    public synchronized void start() {
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new ConfigException(Setting.OPENCODE_MM_HTTP_ADDRESS, "cannot be bound: " + describe(address)
                    + " (" + e.getMessage() + "); choose another host:port, or off");
        }
        server.createContext("/healthz", exchange -> answer(exchange, 200, JSON, "{\"status\":\"up\"}"));
        server.createContext("/readyz", exchange -> answer(exchange, readiness.ready() ? 200 : 503, JSON,
                toJson(readiness.report())));
        server.createContext("/metrics", exchange -> answer(exchange, 200, PROMETHEUS_TEXT, registry.scrape()));
        executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "operations-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        LOG.log(System.Logger.Level.INFO, "Operations endpoint at http://{0}/ (healthz, readyz, metrics)",
                describe(boundAddress()));
    }

    /** Where it listens: the configured address, with the port chosen when port 0 was asked for. */
    public synchronized InetSocketAddress boundAddress() {
        return server == null ? address : server.getAddress();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    private static String describe(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
