package dev.ocbridge.adapter.mattermost.emulator;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The emulator's wire shapes, seen by a plain HTTP and websocket client, as the API reference describes them. */
class MattermostEmulatorIT {
    private static final MediaType JSON = MediaType.get("application/json");

    private final MattermostEmulator emulator = new MattermostEmulator().start();
    private final EmulatedUser bot = emulator.createBot("bot");
    private final EmulatedUser alice = emulator.createUser("alice");
    private final OkHttpClient http = new OkHttpClient();
    private final JsonAdapter<Map<String, Object>> json =
            new Moshi.Builder().build().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
    private final JsonAdapter<List<Map<String, Object>>> listOfObjects = new Moshi.Builder().build().adapter(
            Types.newParameterizedType(List.class, Types.newParameterizedType(Map.class, String.class, Object.class)));
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> botFrames = new LinkedBlockingQueue<>();

    @AfterEach
    void tearDown() {
        emulator.close();
        http.dispatcher().executorService().shutdown();
    }

    private Map<String, Object> call(String method, String path, String token, String body) throws IOException {
        Request.Builder request = new Request.Builder().url(emulator.apiUrl() + path)
                .method(method, body == null ? null : RequestBody.create(body, JSON));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            Map<String, Object> parsed = json.fromJson(response.body().string());
            parsed.put("__status", response.code());
            return parsed;
        }
    }

    private List<Map<String, Object>> callList(String path, String token) throws IOException {
        Request request = new Request.Builder().url(emulator.apiUrl() + path).header("Authorization", "Bearer " + token)
                .build();
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            return listOfObjects.fromJson(response.body().string());
        }
    }

    private WebSocket connect(String headerToken) {
        Request.Builder request = new Request.Builder().url(emulator.websocketUrl().toString());
        if (headerToken != null) {
            request.header("Authorization", "Bearer " + headerToken);
        }
        return http.newWebSocket(request.build(), new WebSocketListener() {
            @Override
            public void onMessage(WebSocket webSocket, String text) {
                frames.add(text);
            }
        });
    }

    /** The raw answer, headers included, to GET /users/me with the bot's token. */
    private Response getMeAsTheBot() throws IOException {
        return http.newCall(new Request.Builder().url(emulator.apiUrl() + "/users/me")
                .header("Authorization", "Bearer " + bot.token()).build()).execute();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    private Map<String, Object> nextFrame() throws Exception {
        String frame = frames.poll(30, TimeUnit.SECONDS);
        assertThat(frame).as("a frame within 30 s").isNotNull();
        return json.fromJson(frame);
    }

    @Test
    void aBadTokenGetsMattermostsSessionExpiredError() throws Exception {
        Map<String, Object> error = call("GET", "/users/me", "nope", null);

        assertThat(error).containsEntry("__status", 401)
                .containsEntry("id", "api.context.session_expired.app_error")
                .containsEntry("message", "Invalid or expired session, please login again.")
                .containsEntry("status_code", 401.0)
                .containsKeys("request_id", "detailed_error");
    }

    @Test
    void aCreatedPostHasMattermostIdsAndMillisecondTimes() throws Exception {
        EmulatedChannel dm = emulator.directChannel(bot, alice);

        Map<String, Object> post = call("POST", "/posts", bot.token(),
                "{\"channel_id\":\"" + dm.id() + "\",\"message\":\"hi\"}");

        assertThat(post).containsEntry("__status", 201).containsEntry("root_id", "").containsEntry("edit_at", 0.0);
        assertThat((String) post.get("id")).matches("[a-z0-9]{26}");
        assertThat((Double) post.get("create_at")).isGreaterThan(1.7e12).isEqualTo(post.get("update_at"));
    }

    @Test
    void aBotsPostIsMarkedFromBotAndAPersonsOwnPropsAreKept() throws Exception {
        EmulatedChannel dm = emulator.directChannel(bot, alice);

        Map<String, Object> byBot = call("POST", "/posts", bot.token(),
                "{\"channel_id\":\"" + dm.id() + "\",\"message\":\"hi\"}");
        Map<String, Object> byAlice = call("POST", "/posts", alice.token(), "{\"channel_id\":\"" + dm.id()
                + "\",\"message\":\"as someone else\",\"props\":{\"override_username\":\"boss\","
                + "\"force_notification\":\"x\"}}");

        assertThat(object(byBot, "props")).containsEntry("from_bot", "true");
        assertThat(object(byAlice, "props")).containsEntry("override_username", "boss")
                .doesNotContainKeys("from_bot", "force_notification");
    }

    @Test
    void anIncomingWebhookPostsInItsCreatorsNameMarkedFromWebhookAndAnswersOk() throws Exception {
        EmulatedChannel dm = emulator.directChannel(bot, alice);
        EmulatedWebhook hook = emulator.createIncomingWebhook(alice, dm.id(), "CI");

        String answer;
        try (Response response = http.newCall(new Request.Builder().url(emulator.webhookUrl(hook).toString())
                .post(RequestBody.create("{\"text\":\"build failed\",\"username\":\"alice\"}", JSON))
                .build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("Content-Type")).startsWith("text/plain");
            answer = response.body().string();
        }

        assertThat(answer).isEqualTo("ok");
        EmulatedPost post = emulator.postsIn(dm.id()).get(0);
        assertThat(post.userId()).isEqualTo(alice.id());
        assertThat(post.message()).isEqualTo("build failed");
        assertThat(post.props()).containsEntry("from_webhook", "true").containsEntry("webhook_display_name", "CI")
                .doesNotContainKey("override_username");
    }

    @Test
    void withUsernameOverridesOnAWebhooksPostShowsTheRequestedNameOrWebhook() {
        EmulatedChannel dm = emulator.directChannel(bot, alice);
        EmulatedWebhook hook = emulator.createIncomingWebhook(alice, dm.id(), "CI");
        emulator.allowIntegrationsToOverrideUsernames(true);

        EmulatedPost post = emulator.postThroughWebhook(hook, "deployed");

        assertThat(post.props()).containsEntry("override_username", "webhook").containsEntry("from_webhook", "true");
    }

    @Test
    void aWebhookPostCanGoToTheCreatorsDmWithSomeoneByUsername() throws Exception {
        EmulatedChannel town = emulator.createChannel("O", "town-square", List.of(alice));
        EmulatedWebhook hook = emulator.createIncomingWebhook(alice, town.id(), "CI");

        try (Response response = http.newCall(new Request.Builder().url(emulator.webhookUrl(hook).toString())
                .post(RequestBody.create("{\"text\":\"psst\",\"channel\":\"@bot\"}", JSON)).build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
        }

        EmulatedChannel dm = emulator.directChannel(bot, alice);
        assertThat(emulator.postsIn(dm.id())).extracting(EmulatedPost::message).containsExactly("psst");
        assertThat(emulator.postsIn(town.id())).isEmpty();
    }

    @Test
    void anUnknownWebhookOrOneWithoutTextIsRefused() throws Exception {
        EmulatedWebhook hook = emulator.createIncomingWebhook(alice, emulator.directChannel(bot, alice).id(), "CI");

        try (Response unknown = http.newCall(new Request.Builder().url(emulator.serverUrl() + "/hooks/nosuchhook")
                .post(RequestBody.create("{\"text\":\"x\"}", JSON)).build()).execute();
             Response empty = http.newCall(new Request.Builder().url(emulator.webhookUrl(hook).toString())
                     .post(RequestBody.create("{}", JSON)).build()).execute()) {
            assertThat(unknown.code()).isEqualTo(400);
            assertThat(unknown.body().string()).contains("web.incoming_webhook.invalid.app_error");
            assertThat(empty.code()).isEqualTo(400);
            assertThat(empty.body().string()).contains("web.incoming_webhook.text.app_error");
        }
    }

    @Test
    void theDirectChannelIsNamedByTheSortedUserIds() throws Exception {
        Map<String, Object> channel = call("POST", "/channels/direct", bot.token(),
                "[\"" + bot.id() + "\",\"" + alice.id() + "\"]");

        String expected = bot.id().compareTo(alice.id()) < 0 ? bot.id() + "__" + alice.id() : alice.id() + "__" + bot.id();
        assertThat(channel).containsEntry("__status", 201).containsEntry("type", "D").containsEntry("name", expected);
    }

    @Test
    void theChallengeIsAnsweredThenHelloThenPostedEventsWithThePostAsAJsonString() throws Exception {
        EmulatedChannel dm = emulator.directChannel(bot, alice);
        WebSocket socket = connect(null);

        socket.send("{\"seq\":1,\"action\":\"authentication_challenge\",\"data\":{\"token\":\"" + bot.token() + "\"}}");
        assertThat(nextFrame()).containsEntry("status", "OK").containsEntry("seq_reply", 1.0);
        Map<String, Object> hello = nextFrame();
        assertThat(hello).containsEntry("event", "hello").containsEntry("seq", 0.0);
        EmulatedPost post = emulator.post(alice, dm.id(), "hello bot");
        Map<String, Object> posted = nextFrame();

        assertThat(posted).containsEntry("event", "posted").containsEntry("seq", 1.0);
        Map<String, Object> data = object(posted, "data");
        assertThat(data).containsEntry("channel_type", "D").containsEntry("sender_name", "@alice");
        assertThat(data.get("post")).isInstanceOf(String.class);
        assertThat(json.fromJson((String) data.get("post"))).containsEntry("id", post.id())
                .containsEntry("message", "hello bot");
        assertThat(object(posted, "broadcast")).containsEntry("channel_id", dm.id());
        socket.close(1000, null);
    }

    @Test
    void aTokenInTheUpgradeRequestAuthenticatesAtOnce() throws Exception {
        WebSocket socket = connect(bot.token());

        assertThat(nextFrame()).containsEntry("event", "hello");
        socket.send("{\"seq\":1,\"action\":\"ping\"}");
        Map<String, Object> pong = nextFrame();
        assertThat(pong).containsEntry("status", "OK").containsEntry("seq_reply", 1.0);
        assertThat(object(pong, "data")).containsEntry("text", "pong");
        socket.close(1000, null);
    }

    @Test
    void typingInAThreadIsAnsweredAndShownToTheOtherMembersWithTheRootAsParent() throws Exception {
        EmulatedChannel dm = emulator.directChannel(bot, alice);
        EmulatedPost root = emulator.post(alice, dm.id(), "a thread");
        WebSocket botSocket = http.newWebSocket(new Request.Builder().url(emulator.websocketUrl().toString())
                .header("Authorization", "Bearer " + bot.token()).build(), new WebSocketListener() {
                    @Override
                    public void onMessage(WebSocket webSocket, String text) {
                        botFrames.add(text);
                    }
                });
        WebSocket aliceSocket = connect(alice.token());
        assertThat(nextFrame()).containsEntry("event", "hello");
        assertThat(json.fromJson(botFrames.poll(30, TimeUnit.SECONDS))).containsEntry("event", "hello");

        botSocket.send("{\"seq\":2,\"action\":\"user_typing\",\"data\":{\"channel_id\":\"" + dm.id()
                + "\",\"parent_id\":\"" + root.id() + "\"}}");

        assertThat(json.fromJson(botFrames.poll(30, TimeUnit.SECONDS)))
                .containsEntry("status", "OK").containsEntry("seq_reply", 2.0);
        Map<String, Object> typing = nextFrame();
        assertThat(typing).containsEntry("event", "typing");
        assertThat(object(typing, "data")).containsEntry("parent_id", root.id()).containsEntry("user_id", bot.id());
        assertThat(object(typing, "broadcast")).containsEntry("channel_id", dm.id());
        assertThat(emulator.typingIn(dm.id())).containsExactly(new EmulatedTyping(bot.id(), dm.id(), root.id()));
        assertThat(botFrames.poll(200, TimeUnit.MILLISECONDS)).as("no typing event for the typist").isNull();
        botSocket.close(1000, null);
        aliceSocket.close(1000, null);
    }

    @Test
    void typingInAChannelTheUserIsNotInFailsNamingTheParameter() throws Exception {
        EmulatedUser mallory = emulator.createUser("mallory");
        EmulatedChannel theirs = emulator.directChannel(bot, mallory);
        WebSocket socket = connect(alice.token());
        assertThat(nextFrame()).containsEntry("event", "hello");

        socket.send("{\"seq\":2,\"action\":\"user_typing\",\"data\":{\"channel_id\":\"" + theirs.id() + "\"}}");

        Map<String, Object> reply = nextFrame();
        assertThat(reply).containsEntry("status", "FAIL").containsEntry("seq_reply", 2.0);
        assertThat(object(reply, "error")).containsEntry("id", "api.websocket_handler.invalid_param.app_error");
        assertThat(emulator.typingIn(theirs.id())).isEmpty();
        socket.close(1000, null);
    }

    @Test
    void actionsBeforeAuthenticationFail() throws Exception {
        WebSocket socket = connect(null);

        socket.send("{\"seq\":1,\"action\":\"ping\"}");

        Map<String, Object> reply = nextFrame();
        assertThat(reply).containsEntry("status", "FAIL").containsEntry("seq_reply", 1.0);
        assertThat(object(reply, "error")).containsEntry("id", "api.web_socket_router.not_authenticated.app_error");
        socket.close(1000, null);
    }

    @Test
    void aNewHeaderMakesTheServerWriteASystemPostThatListsAsTheNewest() throws Exception {
        EmulatedChannel dm = emulator.directChannel(bot, alice);
        emulator.post(alice, dm.id(), "hello");

        Map<String, Object> channel = call("PUT", "/channels/" + dm.id() + "/patch", alice.token(),
                "{\"header\":\"on call\"}");
        Map<String, Object> newest = call("GET", "/channels/" + dm.id() + "/posts?page=0&per_page=1", bot.token(), null);

        assertThat(channel).containsEntry("__status", 200).containsEntry("header", "on call");
        List<?> order = (List<?>) newest.get("order");
        assertThat(order).hasSize(1);
        Map<String, Object> post = object(object(newest, "posts"), (String) order.get(0));
        assertThat(post).containsEntry("type", "system_header_change").containsEntry("user_id", alice.id())
                .containsEntry("message", "alice updated the channel header to: on call");
        assertThat(object(post, "props")).containsEntry("username", "alice").containsEntry("old_header", "")
                .containsEntry("new_header", "on call");
    }

    @Test
    void aSinceOfZeroIsNoSinceAndAnswersTheNewestPageAsTheRealServerDoes() throws Exception {
        EmulatedChannel dm = emulator.directChannel(bot, alice);
        for (int i = 1; i <= 61; i++) {
            emulator.post(alice, dm.id(), "post " + i);
        }

        Map<String, Object> sinceZero = call("GET", "/channels/" + dm.id() + "/posts?since=0", bot.token(), null);
        Map<String, Object> sinceOne = call("GET", "/channels/" + dm.id() + "/posts?since=1", bot.token(), null);

        assertThat((List<?>) sinceZero.get("order")).hasSize(60);
        assertThat((List<?>) sinceOne.get("order")).hasSize(61);
    }

    @Test
    void aThreadListsItsPostsNewestFirstInOrder() throws Exception {
        EmulatedChannel dm = emulator.directChannel(bot, alice);
        EmulatedPost root = emulator.post(alice, dm.id(), "root");
        EmulatedPost reply = emulator.reply(bot, dm.id(), root.id(), "reply");

        Map<String, Object> thread = call("GET", "/posts/" + root.id() + "/thread", bot.token(), null);

        assertThat(thread.get("order")).isEqualTo(List.of(reply.id(), root.id()));
        assertThat(object(thread, "posts")).containsOnlyKeys(root.id(), reply.id());
    }

    @Test
    void aRateLimitedRequestGets429WithTheRateLimitHeaders() throws Exception {
        emulator.throttle("GET /users/me", 1, 3);

        try (Response response = getMeAsTheBot()) {
            assertThat(response.code()).isEqualTo(429);
            assertThat(response.header("X-Ratelimit-Limit")).isNotBlank();
            assertThat(response.header("X-Ratelimit-Remaining")).isEqualTo("0");
            assertThat(response.header("X-Ratelimit-Reset")).isEqualTo("3");
            assertThat(response.header("Retry-After")).isEqualTo("3");
        }
        assertThat(call("GET", "/users/me", bot.token(), null)).containsEntry("__status", 200);
    }

    @Test
    void aRateLimiterOtherThanMattermostsCanLeaveRetryAfterOut() throws Exception {
        emulator.throttleWithoutRetryAfter("GET /users/me", 1, 2);

        try (Response response = getMeAsTheBot()) {
            assertThat(response.code()).isEqualTo(429);
            assertThat(response.header("X-Ratelimit-Reset")).isEqualTo("2");
            assertThat(response.header("Retry-After")).isNull();
        }
    }

    @Test
    void aReactionIsAnnouncedToTheChannelWithTheReactionAsAJsonString() throws Exception {
        EmulatedChannel dm = emulator.directChannel(bot, alice);
        EmulatedPost post = emulator.post(bot, dm.id(), "allow?");
        WebSocket socket = connect(bot.token());
        assertThat(nextFrame()).containsEntry("event", "hello");

        emulator.react(alice, post.id(), "+1");

        Map<String, Object> added = nextFrame();
        assertThat(added).containsEntry("event", "reaction_added").containsEntry("seq", 1.0);
        assertThat(object(added, "broadcast")).containsEntry("channel_id", dm.id());
        Object reaction = object(added, "data").get("reaction");
        assertThat(reaction).isInstanceOf(String.class);
        assertThat(json.fromJson((String) reaction)).containsEntry("user_id", alice.id())
                .containsEntry("post_id", post.id()).containsEntry("emoji_name", "+1")
                .containsEntry("channel_id", dm.id()).containsKey("create_at");
        socket.close(1000, null);
    }

    @Test
    void theReactionsOfAPostAreListedOldestFirstAndNoneAsAnEmptyList() throws Exception {
        EmulatedChannel dm = emulator.directChannel(bot, alice);
        EmulatedPost post = emulator.post(bot, dm.id(), "allow?");
        assertThat(callList("/posts/" + post.id() + "/reactions", bot.token())).isEmpty();

        call("POST", "/reactions", bot.token(), "{\"user_id\":\"" + bot.id() + "\",\"post_id\":\"" + post.id()
                + "\",\"emoji_name\":\"white_check_mark\"}");
        emulator.react(alice, post.id(), "-1");

        List<Map<String, Object>> reactions = callList("/posts/" + post.id() + "/reactions", bot.token());
        assertThat(reactions).extracting(reaction -> reaction.get("emoji_name")).containsExactly("white_check_mark", "-1");
        assertThat(reactions).extracting(reaction -> reaction.get("user_id")).containsExactly(bot.id(), alice.id());
        assertThat((Double) reactions.get(0).get("create_at")).isLessThan((Double) reactions.get(1).get("create_at"));
    }

    @Test
    void aSystemAdminMayReactInOtherPeoplesDirectChannelsAndSomeoneElseMayNot() throws Exception {
        EmulatedChannel dm = emulator.directChannel(bot, alice);
        EmulatedPost post = emulator.post(bot, dm.id(), "allow?");
        EmulatedUser admin = emulator.createSystemAdmin("root");
        EmulatedUser stranger = emulator.createUser("mallory");

        Map<String, Object> byAdmin = call("POST", "/reactions", admin.token(), "{\"user_id\":\"" + admin.id()
                + "\",\"post_id\":\"" + post.id() + "\",\"emoji_name\":\"+1\"}");
        Map<String, Object> byStranger = call("POST", "/reactions", stranger.token(), "{\"user_id\":\""
                + stranger.id() + "\",\"post_id\":\"" + post.id() + "\",\"emoji_name\":\"+1\"}");

        assertThat(byAdmin).containsEntry("__status", 200).containsEntry("user_id", admin.id());
        assertThat(byStranger).containsEntry("__status", 403);
        assertThat(call("GET", "/users/" + admin.id(), bot.token(), null))
                .containsEntry("roles", "system_admin system_user");
    }

    @Test
    void aPostWatcherSeesEveryChangeAsItIsStoredWhetherMadeOverRestOrThroughTheTestApi() throws Exception {
        EmulatedChannel dm = emulator.directChannel(bot, alice);
        List<EmulatedPost> seen = new CopyOnWriteArrayList<>();
        emulator.watchPosts(seen::add);

        Map<String, Object> created = call("POST", "/posts", bot.token(),
                "{\"channel_id\":\"" + dm.id() + "\",\"message\":\"first\"}");
        String id = (String) created.get("id");
        call("PUT", "/posts/" + id + "/patch", bot.token(), "{\"message\":\"second\"}");
        EmulatedPost reply = emulator.reply(alice, dm.id(), id, "a reply");
        emulator.delete(bot, id);

        assertThat(seen).extracting(EmulatedPost::id).containsExactly(id, id, reply.id(), id);
        assertThat(seen).extracting(EmulatedPost::message).containsExactly("first", "second", "a reply", "second");
        assertThat(seen.get(3).deleted()).isTrue();
    }

    @Test
    void requestCountsNameEveryEndpointThatWasCalled() throws Exception {
        call("GET", "/users/me", bot.token(), null);
        call("GET", "/users/me", "not-a-token", null);
        call("GET", "/users/" + alice.id(), bot.token(), null);

        assertThat(emulator.requestCounts())
                .containsExactly(Map.entry("GET /users/me", 2), Map.entry("GET /users/{user_id}", 1));
    }
}
