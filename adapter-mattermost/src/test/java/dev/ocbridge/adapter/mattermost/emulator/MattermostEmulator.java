package dev.ocbridge.adapter.mattermost.emulator;

import mockwebserver3.MockWebServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Mattermost server for tests: REST API v4 under {@code /api/v4} and the websocket at {@code /api/v4/websocket},
 * served by OkHttp's MockWebServer. It behaves like the real server where the bridge depends on it (see
 * docs/mattermost-emulator.md). Changes made through this test API go through the same code as REST calls, so they cause the
 * same websocket events.
 */
public final class MattermostEmulator implements AutoCloseable {
    /** Endpoint name matching every endpoint in {@link #throttle}. */
    public static final String ANY_ENDPOINT = "*";
    static final String SERVER_VERSION = "10.5.0";

    private final EmulatorState state = new EmulatorState();
    private final WebSocketHub hub = new WebSocketHub();
    private final Refusals refusals = new Refusals();
    private final Traffic traffic = new Traffic();
    private final ServerOperations operations = new ServerOperations(state, hub);
    private final RestDispatcher dispatcher = new RestDispatcher(state, operations, hub, refusals, traffic);
    private MockWebServer server;
    private int port;

    /** Starts serving on a free port of the loopback interface. */
    public synchronized MattermostEmulator start() {
        // A port chosen here, not by MockWebServer: only an explicit port gets SO_REUSEADDR, which comeBack() needs
        // while connections accepted before goDown() linger.
        server = serveOn(freePort());
        port = server.getPort();
        return this;
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the emulator", e);
        }
    }

    /** The server's base URL, as people type it into a client: {@code http://host:port}. */
    public synchronized URI serverUrl() {
        return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port);
    }

    public URI apiUrl() {
        return URI.create(serverUrl() + "/api/v4");
    }

    public URI websocketUrl() {
        return URI.create("ws://" + serverUrl().getAuthority() + "/api/v4/websocket");
    }

    public EmulatedUser createUser(String username) {
        return state.addUser(username, false);
    }

    public EmulatedUser createBot(String username) {
        return state.addUser(username, true);
    }

    /** A person with the system admin role: they may act in any channel, other people's direct channels included. */
    public EmulatedUser createSystemAdmin(String username) {
        return state.addUser(username, false, true);
    }

    /** The direct-message channel of two users (type "D", named by their sorted ids), created on first use. */
    public EmulatedChannel directChannel(EmulatedUser a, EmulatedUser b) {
        return state.directChannel(a.id(), b.id());
    }

    /** A channel of another type: "O" open, "P" private, "G" group. */
    public EmulatedChannel createChannel(String type, String name, List<EmulatedUser> members) {
        return state.addChannel(type, name, members.stream().map(EmulatedUser::id).toList());
    }

    /** Posts as {@code author}, exactly as {@code POST /api/v4/posts} would (events included). */
    public EmulatedPost post(EmulatedUser author, String channelId, String message) {
        return operations.createPost(author.id(), channelId, "", message, List.of(), Map.of());
    }

    public EmulatedPost reply(EmulatedUser author, String channelId, String rootId, String message) {
        return operations.createPost(author.id(), channelId, rootId, message, List.of(), Map.of());
    }

    /**
     * Posts as {@code author} with {@code props} in the request body, as any API client may (a script with the
     * person's token setting {@code override_username}, say); the server keeps them.
     */
    public EmulatedPost postWithProps(EmulatedUser author, String channelId, String message,
                                      Map<String, Object> props) {
        return operations.createPost(author.id(), channelId, "", message, List.of(), props);
    }

    /** An incoming webhook {@code creator} sets up for a channel they are in, as in Integrations › Incoming Webhooks. */
    public EmulatedWebhook createIncomingWebhook(EmulatedUser creator, String channelId, String displayName) {
        return state.addWebhook(creator.id(), channelId, displayName);
    }

    /** The URL to post to, which is all the secret a webhook has: {@code http://host:port/hooks/<id>}. */
    public URI webhookUrl(EmulatedWebhook hook) {
        return URI.create(serverUrl() + "/hooks/" + hook.id());
    }

    /** A program sends {@code text} to the webhook, exactly as {@code POST /hooks/{id}} would (events included). */
    public EmulatedPost postThroughWebhook(EmulatedWebhook hook, String text) {
        return operations.webhookPost(hook.id(), Map.of("text", text));
    }

    /**
     * The server setting "Enable integrations to override usernames": off by default; when on, a webhook's post
     * carries {@code override_username} (the requested one, else {@code webhook}).
     */
    public void allowIntegrationsToOverrideUsernames(boolean enabled) {
        operations.usernameOverride(enabled);
    }

    /** Posts with files {@code author} uploaded to the channel ({@link #upload}); the message may be empty. */
    public EmulatedPost post(EmulatedUser author, String channelId, String message, List<String> fileIds) {
        return operations.createPost(author.id(), channelId, "", message, fileIds, Map.of());
    }

    public EmulatedPost reply(EmulatedUser author, String channelId, String rootId, String message,
                              List<String> fileIds) {
        return operations.createPost(author.id(), channelId, rootId, message, fileIds, Map.of());
    }

    /**
     * Uploads a file as {@code user}, exactly as {@code POST /api/v4/files} would, with the MIME type the server
     * would give it; it belongs to no post until one attaches it.
     */
    public EmulatedFile upload(EmulatedUser user, String channelId, String name, String mimeType, byte[] content) {
        return state.addFile(user.id(), channelId, name, mimeType, content);
    }

    /** Any file ever uploaded. */
    public Optional<EmulatedFile> findFile(String fileId) {
        return state.anyFile(fileId);
    }

    /**
     * Sets the channel's header as {@code user}, exactly as {@code PUT /api/v4/channels/{id}/patch} would: the server
     * writes a {@code system_header_change} post, which is returned (empty if the header did not change).
     */
    public Optional<EmulatedPost> changeHeader(EmulatedUser user, String channelId, String header) {
        return operations.changeHeader(user.id(), channelId, header);
    }

    public EmulatedPost edit(EmulatedUser author, String postId, String message) {
        return operations.editPost(author.id(), postId, message);
    }

    public EmulatedPost delete(EmulatedUser author, String postId) {
        return operations.deletePost(author.id(), postId);
    }

    public EmulatedReaction react(EmulatedUser user, String postId, String emojiName) {
        return operations.addReaction(user.id(), postId, emojiName);
    }

    public void unreact(EmulatedUser user, String postId, String emojiName) {
        operations.removeReaction(user.id(), user.id(), postId, emojiName);
    }

    /** Any post ever created, deleted ones included. */
    public Optional<EmulatedPost> findPost(String postId) {
        return state.anyPost(postId);
    }

    /** The live posts of a channel, oldest first. */
    public List<EmulatedPost> postsIn(String channelId) {
        return state.channelPosts(channelId).stream().filter(p -> !p.deleted()).toList();
    }

    /** The live root and replies of a thread, oldest first. */
    public List<EmulatedPost> threadOf(String rootId) {
        return state.thread(rootId);
    }

    public List<EmulatedReaction> reactionsOn(String postId) {
        return state.reactions(postId);
    }

    /** Closes every websocket connection (close code 1001, as a restarting server does); REST keeps working. */
    public void dropConnections() {
        hub.closeAll(1001, "going away");
    }

    /** Sends a text frame as is to every authenticated websocket connection (malformed frames, unknown events). */
    public void sendRawFrame(String text) {
        hub.raw(text);
    }

    /** On every open connection, the next {@code count} events are lost on the way: not sent, but their seq used up. */
    public void loseNextEvents(int count) {
        hub.loseNextEvents(count);
    }

    /** Sends an event with the given data (and the connection's next seq) to every authenticated connection. */
    public void sendEvent(String event, Map<String, Object> data) {
        hub.toEveryone(event, data);
    }

    /**
     * Makes every open connection hang like a dead peer (half-open TCP): it stops answering, pings included,
     * from the next frame the client sends, until it is closed. New connections are not affected.
     */
    public void freezeConnections() {
        hub.freeze();
    }

    /** Invalidates the user's token (401 from then on); open websocket connections stay until dropped. */
    public void revokeToken(EmulatedUser user) {
        state.revokeTokens(user.id());
    }

    /** Stops listening: open connections die and new ones are refused until {@link #comeBack()}. */
    public synchronized void goDown() {
        dispatcher.down(true);
        hub.closeAll(1001, "going away");
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Listens again on the same port, with everything stored before still there. */
    public synchronized void comeBack() {
        if (server == null) {
            server = serveOn(port);
        }
        dispatcher.down(false);
    }

    /**
     * Answers the next {@code times} requests to {@code endpoint} (e.g. {@code "PUT /posts/{post_id}/patch"}, or
     * {@link #ANY_ENDPOINT}) with 429 and the rate-limit headers, {@code X-Ratelimit-Reset} and {@code Retry-After}
     * set to {@code resetSeconds}.
     */
    public void throttle(String endpoint, int times, int resetSeconds) {
        refusals.add(new Refusals.Rule(endpoint, times, 429, resetSeconds, true));
    }

    /**
     * Like {@link #throttle}, but the 429 has no {@code Retry-After}: only {@code X-Ratelimit-Reset} says when to
     * come back, as with rate limiters other than Mattermost's own (a proxy in front of it, for one).
     */
    public void throttleWithoutRetryAfter(String endpoint, int times, int resetSeconds) {
        refusals.add(new Refusals.Rule(endpoint, times, 429, resetSeconds, false));
    }

    /** Answers the next {@code times} requests to {@code endpoint} with a server error ({@code status} 5xx). */
    public void failWith(String endpoint, int times, int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("a server error is 5xx, not " + status);
        }
        refusals.add(new Refusals.Rule(endpoint, times, status, 0, false));
    }

    /**
     * From now on answers requests to {@code endpoint} as if the server had no such endpoint (404
     * {@code api.context.404.app_error}, as for any unknown path), like a server older than the endpoint.
     */
    public void removeEndpoint(String endpoint) {
        dispatcher.remove(endpoint);
    }

    /**
     * From now on until {@link #stopRefusing()}, every new reply in the thread of {@code rootId} and every edit of one
     * of its posts gets a 429 with {@code resetSeconds} in its headers: one thread's activity over its rate limit,
     * while everything else is served.
     */
    public void throttleThread(String rootId, int resetSeconds) {
        refusals.throttleThread(rootId, resetSeconds);
    }

    /**
     * Handles the next {@code times} requests to {@code endpoint} and then cuts their connection before the answer
     * is sent: the change is stored, the client never hears of it (a proxy timing out, a network cut).
     */
    public void loseAnswers(String endpoint, int times) {
        refusals.add(new Refusals.Rule(endpoint, times, Refusals.LOSE_ANSWER, 0, false));
    }

    /** Forgets every scripted 429 and server error still pending. */
    public void stopRefusing() {
        refusals.clear();
    }

    /** Forgets the scripted 429s and server errors still pending for one endpoint. */
    public void stopRefusing(String endpoint) {
        refusals.clear(endpoint);
    }

    /**
     * Requests received for an endpoint, refused ones included, named like the API reference:
     * {@code "POST /posts"}, {@code "PUT /posts/{post_id}/patch"}, {@code "GET /websocket"}.
     */
    public int requestCount(String endpoint) {
        return traffic.count(endpoint);
    }

    /**
     * Calls {@code watcher} with every post created, edited or deleted from now on, at the moment the server stores
     * the change (before its websocket event is sent), on the thread that made it: for measuring when something
     * became visible, not for changing what the server does. The watcher must be quick and must not throw.
     */
    public void watchPosts(Consumer<EmulatedPost> watcher) {
        operations.watch(watcher);
    }

    /** When each request to an endpoint arrived (refused ones included), on a monotonic clock from the start. */
    public List<Duration> requestTimes(String endpoint) {
        return traffic.times(endpoint);
    }

    /**
     * Requests to {@code endpoint} arriving from now on are held, unanswered, until {@link #releaseRequests()}: a slow
     * server. They are counted on arrival.
     */
    public void holdRequests(String endpoint) {
        traffic.hold(endpoint);
    }

    /** Answers every held request and holds no more. */
    public void releaseRequests() {
        traffic.releaseAll();
    }

    /** The {@code user_typing} actions accepted for a channel, oldest first. */
    public List<EmulatedTyping> typingIn(String channelId) {
        return hub.typingIn(channelId);
    }

    /**
     * How many REST requests each endpoint has received so far, refused ones included (the websocket upgrade,
     * {@code "GET /websocket"}, too), named as in {@link #requestCount}: take two and subtract to count what
     * happened in between.
     */
    public Map<String, Integer> requestCounts() {
        return traffic.counts();
    }

    /** Websocket connections currently open and authenticated. */
    public int openConnections() {
        return hub.authenticatedConnections();
    }

    /** Successful websocket authentication challenges so far. */
    public int authentications() {
        return hub.authentications();
    }

    @Override
    public synchronized void close() {
        releaseRequests();
        goDown();
    }

    private MockWebServer serveOn(int listenPort) {
        // The old listener's port is released asynchronously after close(): retry binding for a while.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            MockWebServer next = new MockWebServer();
            next.setDispatcher(dispatcher);
            try {
                next.start(InetAddress.getLoopbackAddress(), listenPort);
                return next;
            } catch (IOException e) {
                next.close();
                if (System.nanoTime() - deadline > 0) {
                    throw new UncheckedIOException("emulator could not listen on port " + listenPort, e);
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting the emulator", e);
        }
    }
}
