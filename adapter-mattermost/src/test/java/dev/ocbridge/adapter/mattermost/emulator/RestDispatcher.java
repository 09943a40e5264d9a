package dev.ocbridge.adapter.mattermost.emulator;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okio.Buffer;
import okio.ByteString;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Serves the emulated REST API v4 and the websocket upgrade. */
final class RestDispatcher extends Dispatcher {
    private static final String API = "/api/v4";
    private static final String ID = "([^/]+)";
    /** Incoming webhooks live outside the API: {@code /hooks/{hook_id}}. */
    private static final Pattern WEBHOOK = Pattern.compile("/hooks/" + ID);
    static final String INCOMING_WEBHOOK = "POST /hooks/{hook_id}";

    private record Exchange(RecordedRequest request, EmulatedUser user, List<String> params) {
        String param(int index) {
            return params.get(index);
        }

        String body() {
            ByteString body = request.getBody();
            return body == null ? "" : body.utf8();
        }

        Optional<String> query(String name) {
            return Optional.ofNullable(request.getUrl().queryParameter(name));
        }
    }

    private interface Handler {
        MockResponse handle(Exchange exchange);
    }

    private record Route(String method, Pattern pattern, String endpoint, Handler handler) {
    }

    private final EmulatorState state;
    private final ServerOperations operations;
    private final WebSocketHub hub;
    private final Refusals refusals;
    private final Traffic traffic;
    private final Set<String> removed = ConcurrentHashMap.newKeySet();
    private final List<Route> routes = new ArrayList<>();

    RestDispatcher(EmulatorState state, ServerOperations operations, WebSocketHub hub, Refusals refusals,
                   Traffic traffic) {
        this.traffic = traffic;
        this.state = state;
        this.operations = operations;
        this.hub = hub;
        this.refusals = refusals;
        route("GET", "/users/me", e -> ok(Wire.user(e.user())));
        route("POST", "/users/ids", this::usersByIds);
        route("GET", "/users/username/{username}", e -> ok(Wire.user(state.userByUsername(e.param(0)))));
        route("GET", "/users/{user_id}/channels", this::channelsOfUser);
        route("GET", "/users/{user_id}", e -> ok(Wire.user(state.user(e.param(0)))));
        route("POST", "/channels/direct", this::directChannel);
        route("GET", "/channels/{channel_id}/posts", this::channelPosts);
        route("GET", "/channels/{channel_id}", e -> ok(operations.channelJson(state.readableChannel(e.param(0), e.user().id()))));
        route("PUT", "/channels/{channel_id}/patch", this::patchChannel);
        route("POST", "/posts", this::createPost);
        route("PUT", "/posts/{post_id}/patch", this::patchPost);
        route("GET", "/posts/{post_id}/thread", this::thread);
        route("GET", "/posts/{post_id}/reactions", this::reactions);
        route("GET", "/posts/{post_id}", e -> ok(operations.postJson(state.readablePost(e.param(0), e.user().id()))));
        route("DELETE", "/posts/{post_id}", e -> {
            operations.deletePost(e.user().id(), e.param(0));
            return ok(Wire.status("OK"));
        });
        route("POST", "/reactions", this::addReaction);
        route("DELETE", "/users/{user_id}/posts/{post_id}/reactions/{emoji_name}", e -> {
            operations.removeReaction(e.user().id(), e.param(0), e.param(1), e.param(2));
            return ok(Wire.status("OK"));
        });
        route("POST", "/files", this::upload);
        route("GET", "/files/{file_id}/info", e -> ok(Wire.fileInfo(state.readableFile(e.param(0), e.user().id()))));
        route("GET", "/files/{file_id}", this::download);
    }

    private void route(String method, String template, Handler handler) {
        String regex = API + template.replaceAll("\\{[a-z_]+}", ID);
        routes.add(new Route(method, Pattern.compile(regex), method + " " + template, handler));
    }

    private volatile boolean down;

    /** While down, connections accepted earlier are cut at their next request. */
    void down(boolean isDown) {
        down = isDown;
    }

    void remove(String endpoint) {
        removed.add(endpoint);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (down) {
            return new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket(true, false, false)).build();
        }
        String requestId = state.newId();
        HttpUrl url = request.getUrl();
        String path = url.encodedPath();
        String method = request.getMethod();
        Matcher hook = WEBHOOK.matcher(path);
        if ("POST".equals(method) && hook.matches()) {
            return incomingWebhook(request, hook.group(1), requestId);
        }
        if ("GET".equals(method) && path.equals(API + "/websocket")) {
            traffic.arrived("GET /websocket");
            Optional<Refusals.Rule> refused = refusals.take("GET /websocket");
            if (refused.isPresent()) {
                return error(new ApiError(refused.get().status(), "app.emulator.scripted_failure.app_error",
                        "We encountered an error."), requestId);
            }
            EmulatedUser byHeader;
            try {
                byHeader = request.getHeaders().get("Authorization") == null ? null : authenticate(request.getHeaders());
            } catch (ApiError e) {
                return error(e, requestId);
            }
            return new MockResponse.Builder().webSocketUpgrade(new EmulatedConnection(hub, state, byHeader)).build();
        }
        if ("GET".equals(method) && path.equals(API + "/system/ping")) {
            // Needs no token, as on the real server; every answer of the real server names its version.
            traffic.arrived("GET /system/ping");
            return json(200, Map.of("status", "OK")).newBuilder()
                    .setHeader("X-Version-Id", MattermostEmulator.SERVER_VERSION + ".0.emulator.false").build();
        }
        for (Route route : routes) {
            Matcher matcher = route.pattern().matcher(path);
            if (route.method().equals(method) && matcher.matches()) {
                return serve(route, matcher, request, requestId);
            }
        }
        return error(unknownPath(), requestId);
    }

    private static ApiError unknownPath() {
        return new ApiError(404, "api.context.404.app_error", "Sorry, we could not find the page.");
    }

    private MockResponse serve(Route route, Matcher matcher, RecordedRequest request, String requestId) {
        traffic.arrived(route.endpoint());
        traffic.awaitRelease(route.endpoint());
        if (removed.contains(route.endpoint())) {
            return error(unknownPath(), requestId);
        }
        Optional<Refusals.Rule> refused = threadOf(route.endpoint(), matcher, request)
                .flatMap(root -> refusals.takeForThread(route.endpoint(), root))
                .or(() -> refusals.take(route.endpoint()));
        if (refused.isPresent() && refused.get().status() == Refusals.LOSE_ANSWER) {
            handle(route, matcher, request, requestId);
            return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket(true, false, false)).build();
        }
        if (refused.isPresent()) {
            return refused.get().status() == 429
                    ? tooManyRequests(refused.get())
                    : error(new ApiError(refused.get().status(), "app.emulator.scripted_failure.app_error",
                            "We encountered an error."), requestId);
        }
        return handle(route, matcher, request, requestId);
    }

    /** The root post id of the thread a new reply or an edit changes; empty for every other request. */
    private Optional<String> threadOf(String endpoint, Matcher matcher, RecordedRequest request) {
        try {
            if (endpoint.equals("POST /posts")) {
                ByteString body = request.getBody();
                Object root = Wire.parseObject(body == null ? "" : body.utf8()).get("root_id");
                return root instanceof String id && !id.isEmpty() ? Optional.of(id) : Optional.empty();
            }
            if (endpoint.equals("PUT /posts/{post_id}/patch")) {
                return state.anyPost(matcher.group(1))
                        .map(post -> post.rootId().isEmpty() ? post.id() : post.rootId());
            }
        } catch (ApiError e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private MockResponse handle(Route route, Matcher matcher, RecordedRequest request, String requestId) {
        try {
            EmulatedUser user = authenticate(request.getHeaders());
            List<String> params = new ArrayList<>();
            for (int i = 1; i <= matcher.groupCount(); i++) {
                params.add(HttpUrl.parse("http://x/" + matcher.group(i)).pathSegments().get(0));
            }
            return route.handler().handle(new Exchange(request, user, params));
        } catch (ApiError e) {
            return error(e, requestId);
        }
    }

    private EmulatedUser authenticate(Headers headers) {
        String authorization = headers.get("Authorization");
        if (authorization == null) {
            throw ApiError.unauthorized();
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        boolean known = parts.length == 2
                && (parts[0].equalsIgnoreCase("bearer") || parts[0].equalsIgnoreCase("token"));
        return (known ? state.userByToken(parts[1]) : Optional.<EmulatedUser>empty())
                .orElseThrow(ApiError::unauthorized);
    }

    private MockResponse usersByIds(Exchange e) {
        List<String> ids = Wire.parseStringArray(e.body(), "user_ids");
        if (ids.isEmpty()) {
            throw ApiError.invalidBodyParam("user_ids");
        }
        return ok(state.usersByIds(ids).stream().map(Wire::user).toList());
    }

    private MockResponse directChannel(Exchange e) {
        List<String> ids = Wire.parseStringArray(e.body(), "user_ids");
        if (ids.size() != 2) {
            throw ApiError.invalidBodyParam("user_ids");
        }
        if (!ids.contains(e.user().id())) {
            throw ApiError.forbidden();
        }
        return json(201, operations.channelJson(state.directChannel(ids.get(0), ids.get(1))));
    }

    /** Every channel of every team the user is a member of, direct and group channels included. */
    private MockResponse channelsOfUser(Exchange e) {
        if (!e.param(0).equals(e.user().id())) {
            throw ApiError.forbidden();
        }
        return ok(state.channelsOf(e.user().id()).stream().map(operations::channelJson).toList());
    }

    private MockResponse channelPosts(Exchange e) {
        EmulatedChannel channel = state.readableChannel(e.param(0), e.user().id());
        List<EmulatedPost> all = state.channelPosts(channel.id());
        long sinceMillis = parseLong(e.query("since").orElse("0"), "since");
        List<EmulatedPost> selected;
        // Like the real server, a since of 0 (or less) is no since at all: the page is answered instead.
        if (sinceMillis > 0) {
            // Like the real server: everything changed after the time, deleted posts included, at most 1000.
            selected = all.stream().filter(p -> p.updateAt() > sinceMillis).limit(1000).toList();
        } else {
            int page = (int) parseLong(e.query("page").orElse("0"), "page");
            int perPage = (int) Math.min(200, parseLong(e.query("per_page").orElse("60"), "per_page"));
            List<EmulatedPost> live = new ArrayList<>(all.stream().filter(p -> !p.deleted()).toList());
            int toIndex = Math.max(0, live.size() - page * perPage);
            int fromIndex = Math.max(0, toIndex - perPage);
            selected = live.subList(fromIndex, toIndex);
        }
        return ok(Wire.postList(selected.stream().map(operations::postJson).toList()));
    }

    /** Only the header can be patched here (what direct channels have); other fields are ignored. */
    private MockResponse patchChannel(Exchange e) {
        Map<String, Object> body = Wire.parseObject(e.body());
        operations.changeHeader(e.user().id(), e.param(0), string(body, "header"));
        return ok(operations.channelJson(state.readableChannel(e.param(0), e.user().id())));
    }

    private MockResponse createPost(Exchange e) {
        Map<String, Object> body = Wire.parseObject(e.body());
        EmulatedPost post = operations.createPost(e.user().id(), string(body, "channel_id"), string(body, "root_id"),
                string(body, "message"), strings(body.get("file_ids")), props(body.get("props")),
                string(body, "pending_post_id"));
        return json(201, operations.postJson(post));
    }

    /** {@code POST /hooks/{hook_id}}: no token, the hook's id is its secret; the answer is a plain {@code ok}. */
    private MockResponse incomingWebhook(RecordedRequest request, String hookId, String requestId) {
        traffic.arrived(INCOMING_WEBHOOK);
        try {
            ByteString body = request.getBody();
            operations.webhookPost(hookId, Wire.parseObject(body == null ? "" : body.utf8()));
        } catch (ApiError e) {
            return error(e, requestId);
        }
        return new MockResponse.Builder().code(200)
                .setHeader("Content-Type", "text/plain")
                .body("ok")
                .build();
    }

    private static Map<String, Object> props(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw ApiError.invalidBodyParam("props");
        }
        Map<String, Object> props = new LinkedHashMap<>();
        map.forEach((key, item) -> props.put(String.valueOf(key), item));
        return props;
    }

    private MockResponse patchPost(Exchange e) {
        Map<String, Object> body = Wire.parseObject(e.body());
        Object message = body.get("message");
        if (message != null && !(message instanceof String)) {
            throw ApiError.invalidBodyParam("post");
        }
        return ok(operations.postJson(operations.editPost(e.user().id(), e.param(0), (String) message)));
    }

    private MockResponse thread(Exchange e) {
        state.readablePost(e.param(0), e.user().id());
        return ok(Wire.postList(state.thread(e.param(0)).stream().map(operations::postJson).toList()));
    }

    private MockResponse reactions(Exchange e) {
        state.readablePost(e.param(0), e.user().id());
        return ok(state.reactions(e.param(0)).stream().map(Wire::reaction).toList());
    }

    private MockResponse addReaction(Exchange e) {
        Map<String, Object> body = Wire.parseObject(e.body());
        if (!e.user().id().equals(body.get("user_id"))) {
            throw ApiError.forbidden();
        }
        return ok(Wire.reaction(operations.addReaction(e.user().id(), string(body, "post_id"),
                string(body, "emoji_name"))));
    }

    private MockResponse upload(Exchange e) {
        String contentType = e.request().getHeaders().get("Content-Type");
        ByteString raw = e.request().getBody() == null ? ByteString.EMPTY : e.request().getBody();
        List<EmulatedFile> uploaded = new ArrayList<>();
        if (contentType != null && contentType.startsWith("multipart/form-data")) {
            List<Multipart.Part> parts = Multipart.parse(contentType, raw);
            String channelId = parts.stream().filter(p -> p.name().equals("channel_id")).map(Multipart.Part::text)
                    .findFirst().orElseThrow(() -> ApiError.invalidBodyParam("channel_id"));
            for (Multipart.Part part : parts) {
                if (part.name().equals("files") && part.filename() != null) {
                    uploaded.add(state.addFile(e.user().id(), channelId, part.filename(),
                            part.contentType().isEmpty() ? "application/octet-stream" : part.contentType(),
                            part.body().toByteArray()));
                }
            }
        } else {
            String channelId = e.query("channel_id").orElseThrow(() -> ApiError.invalidUrlParam("channel_id"));
            String filename = e.query("filename").orElseThrow(() -> ApiError.invalidUrlParam("filename"));
            uploaded.add(state.addFile(e.user().id(), channelId, filename,
                    contentType == null ? "application/octet-stream" : contentType, raw.toByteArray()));
        }
        if (uploaded.isEmpty()) {
            throw new ApiError(400, "api.file.upload_file.read_request.app_error", "Unable to read file or multipart data.");
        }
        return json(201, Map.of("file_infos", uploaded.stream().map(Wire::fileInfo).toList(), "client_ids", List.of()));
    }

    private MockResponse download(Exchange e) {
        EmulatedFile file = state.readableFile(e.param(0), e.user().id());
        return new MockResponse.Builder().code(200)
                .setHeader("Content-Type", file.mimeType())
                .setHeader("Content-Disposition", "attachment;filename=\"" + file.name() + "\"")
                .setHeader("X-Content-Type-Options", "nosniff")
                .body(new Buffer().write(file.content()))
                .build();
    }

    private static long parseLong(String value, String name) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiError.invalidUrlParam(name);
        }
    }

    private static String string(Map<String, Object> body, String name) {
        Object value = body.get(name);
        if (value != null && !(value instanceof String)) {
            throw ApiError.invalidBodyParam(name);
        }
        return (String) value;
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw ApiError.invalidBodyParam("file_ids");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static MockResponse tooManyRequests(Refusals.Rule rule) {
        MockResponse.Builder response = new MockResponse.Builder().code(429)
                .setHeader("Content-Type", "text/plain; charset=utf-8")
                .setHeader("X-Content-Type-Options", "nosniff")
                .setHeader("X-Ratelimit-Limit", "10")
                .setHeader("X-Ratelimit-Remaining", "0")
                .setHeader("X-Ratelimit-Reset", String.valueOf(rule.resetSeconds()))
                .body("limit exceeded\n");
        if (rule.retryAfter()) {
            response.setHeader("Retry-After", String.valueOf(rule.resetSeconds()));
        }
        return response.build();
    }

    private static MockResponse ok(Object body) {
        return json(200, body);
    }

    private static MockResponse json(int code, Object body) {
        return new MockResponse.Builder().code(code)
                .setHeader("Content-Type", "application/json")
                .body(Wire.json(body))
                .build();
    }

    private static MockResponse error(ApiError error, String requestId) {
        return json(error.status(), Wire.error(error, requestId));
    }
}
