package dev.ocbridge.adapter.mattermost;

import com.squareup.moshi.JsonAdapter;
import dev.ocbridge.adapter.mattermost.ws.Frame;
import dev.ocbridge.adapter.mattermost.ws.FrameDecoder;
import dev.ocbridge.adapter.mattermost.ws.WebSocketConnection;
import dev.ocbridge.adapter.mattermost.ws.WsActionJson;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.UnauthorizedException;
import dev.ocbridge.core.error.UnavailableException;
import org.glassfish.tyrus.client.ClientManager;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One websocket connection that authenticates and closes again: does the event stream work at all? */
final class EventStreamProbe {
    private final ClientManager client;
    private final URI url;
    private final String token;
    private final FrameDecoder decoder;
    private final JsonAdapter<WsActionJson> actions;

    EventStreamProbe(ClientManager client, URI url, String token, FrameDecoder decoder,
                     JsonAdapter<WsActionJson> actions) {
        this.client = client;
        this.url = url;
        this.token = token;
        this.decoder = decoder;
        this.actions = actions;
    }

    /** The server's version as its hello says it; throws when the connection or the token is refused. */
    String authenticate(Duration timeout) {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        WebSocketConnection connection;
        try {
            connection = WebSocketConnection.open(client, url, new WebSocketConnection.Listener() {
                @Override
                public void onText(WebSocketConnection open, String text) {
                    Frame frame = decoder.decode(text);
                    if (frame instanceof Frame.Hello hello) {
                        outcome.complete(hello.serverVersion() == null ? "" : hello.serverVersion());
                    } else if (frame instanceof Frame.Reply reply && !reply.ok()) {
                        outcome.completeExceptionally(new UnauthorizedException(
                                "Mattermost refused the websocket authentication: " + reply.errorId()));
                    }
                }

                @Override
                public void onPong(WebSocketConnection open) {
                }

                @Override
                public void onClosed(WebSocketConnection open, String reason) {
                    outcome.completeExceptionally(new UnavailableException("the websocket closed: " + reason));
                }
            });
        } catch (IOException | RuntimeException e) {
            throw new UnavailableException("the websocket " + url + " could not be opened: " + e.getMessage(), e);
        }
        try {
            connection.send(actions.toJson(new WsActionJson(1, "authentication_challenge", Map.of("token", token))));
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof BridgeException bridge ? bridge
                    : new UnavailableException("the websocket failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new UnavailableException("no hello on the websocket within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while checking the websocket", e);
        } finally {
            connection.close("check done");
        }
    }
}
