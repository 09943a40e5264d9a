package dev.ocbridge.adapter.opencode.testing;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A scripted OpenAI-compatible LLM: {@code POST /v1/chat/completions} answered with server-sent chunks
 * the way OpenAI streams them. Replies are taken from a queue in order; title requests are answered
 * without touching the queue; with an empty queue the answer comes from {@link #respondWith} ({@link #DEFAULT_TEXT} unless set).
 */
public final class FakeLlm implements AutoCloseable {

    public static final String DEFAULT_TEXT = "OK.";
    public static final String TITLE = "Fake title";

    private static final System.Logger LOG = System.getLogger(FakeLlm.class.getName());

    private final HttpServer server;
    private final ExecutorService executor;
    private final ConcurrentLinkedQueue<LlmReply> script = new ConcurrentLinkedQueue<>();
    private final List<LlmRequest> requests = new CopyOnWriteArrayList<>();
    private final List<LlmRequest> titleRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile Function<LlmRequest, LlmReply> responder = request -> LlmReply.text(DEFAULT_TEXT);
    private final JsonAdapter<Map<String, Object>> json;

    private FakeLlm(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.json = new Moshi.Builder().build()
                .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
    }

    /** Starts the fake on a free loopback port. */
    public static FakeLlm start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            // Slow scripted streams hold a thread each; a cached pool keeps the others answering.
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "fake-llm");
                thread.setDaemon(true);
                return thread;
            });
            FakeLlm llm = new FakeLlm(server, executor);
            server.createContext("/", llm::handle);
            server.setExecutor(executor);
            server.start();
            return llm;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake LLM", e);
        }
    }

    /** The base URL as an OpenAI-compatible provider wants it, ending in {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public FakeLlm enqueue(LlmReply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** Queues a plain text answer streamed in the given chunks. */
    public FakeLlm enqueueText(String... chunks) {
        return enqueue(LlmReply.text(chunks));
    }

    /**
     * How to answer when no scripted reply is queued: a reply computed from the request, so that sessions
     * prompted at the same time each get an answer of their own.
     */
    public FakeLlm respondWith(Function<LlmRequest, LlmReply> answer) {
        responder = answer;
        return this;
    }

    /** Replies not yet used. */
    public int pendingReplies() {
        return script.size();
    }

    /** Every chat request except title generation, in arrival order. */
    public List<LlmRequest> requests() {
        return List.copyOf(requests);
    }

    public List<LlmRequest> titleRequests() {
        return List.copyOf(titleRequests);
    }

    /** Whether any (non-title) request's user messages contain the text. */
    public boolean wasPromptedWith(String text) {
        return requests.stream().anyMatch(request -> request.userTexts().stream().anyMatch(t -> t.contains(text)));
    }

    public List<LlmRequest> requestsMatching(Predicate<LlmRequest> predicate) {
        return requests.stream().filter(predicate).toList();
    }

    /** Forgets recorded requests and unused replies, for a test class that shares one fake. */
    public void reset() {
        script.clear();
        responder = request -> LlmReply.text(DEFAULT_TEXT);
        requests.clear();
        titleRequests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try {
            serve(exchange);
            exchange.close();
        } catch (IOException e) {
            // The agent hung up (an abort); nothing to answer any more.
            LOG.log(System.Logger.Level.DEBUG, "fake LLM client went away: {0}", e.toString());
            exchange.close();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if ("GET".equals(exchange.getRequestMethod()) && path.endsWith("/models")) {
            respond(exchange, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"fake-model\",\"object\":\"model\"}]}");
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith("/chat/completions")) {
            respond(exchange, 404, error("invalid_request_error", "no route " + path));
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, Object> parsed = json.fromJson(body);
        LlmRequest request = new LlmRequest(body, parsed == null ? Map.of() : parsed);
        if (request.isTitleRequest()) {
            titleRequests.add(request);
            stream(exchange, request, LlmReply.text(TITLE));
            return;
        }
        requests.add(request);
        LlmReply reply = script.poll();
        stream(exchange, request, reply == null ? responder.apply(request) : reply);
    }

    private void stream(HttpExchange exchange, LlmRequest request, LlmReply reply) throws IOException {
        if (reply instanceof LlmReply.HttpError error) {
            respond(exchange, error.status(), error(error.type(), error.message()));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        String id = "chatcmpl-" + sequence.incrementAndGet();
        if (reply instanceof LlmReply.Text text) {
            for (String chunk : text.reasoningChunks()) {
                send(out, chunk(id, request, Map.of("reasoning_content", chunk), null));
                pause(text.delayBetweenChunks());
            }
            boolean first = true;
            for (String chunk : text.chunks()) {
                if (!first) {
                    pause(text.delayBetweenChunks());
                }
                first = false;
                send(out, chunk(id, request, Map.of("role", "assistant", "content", chunk), null));
            }
            finish(out, id, request, "stop");
        } else if (reply instanceof LlmReply.ToolCalls tools) {
            List<Map<String, Object>> calls = new ArrayList<>();
            for (int i = 0; i < tools.calls().size(); i++) {
                LlmReply.ToolCall call = tools.calls().get(i);
                String callId = call.id() != null ? call.id() : "call_" + sequence.incrementAndGet();
                calls.add(Map.of("index", i, "id", callId, "type", "function",
                        "function", Map.of("name", call.name(), "arguments", json.toJson(call.arguments()))));
            }
            send(out, chunk(id, request, Map.of("role", "assistant", "tool_calls", calls), null));
            finish(out, id, request, "tool_calls");
        } else if (reply instanceof LlmReply.CutOff cut) {
            for (String chunk : cut.chunks()) {
                send(out, chunk(id, request, Map.of("role", "assistant", "content", chunk), null));
            }
            // An exception escaping the handler makes the JDK server drop the connection mid-stream.
            throw new IllegalStateException("fake LLM cuts the stream off");
        }
    }

    private void finish(OutputStream out, String id, LlmRequest request, String reason) throws IOException {
        send(out, chunk(id, request, Map.of(), reason));
        Map<String, Object> usage = new LinkedHashMap<>(envelope(id, request));
        usage.put("choices", List.of());
        usage.put("usage", Map.of("prompt_tokens", 100, "completion_tokens", 20, "total_tokens", 120));
        send(out, json.toJson(usage));
        send(out, "[DONE]");
    }

    private Map<String, Object> envelope(String id, LlmRequest request) {
        Map<String, Object> chunk = new LinkedHashMap<>();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", System.currentTimeMillis() / 1000);
        chunk.put("model", request.model());
        return chunk;
    }

    private String chunk(String id, LlmRequest request, Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finishReason);
        Map<String, Object> chunk = envelope(id, request);
        chunk.put("choices", List.of(choice));
        return json.serializeNulls().toJson(chunk);
    }

    private static void send(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String error(String type, String message) {
        return json.toJson(Map.of("error", Map.of("message", message, "type", type)));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
