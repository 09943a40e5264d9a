package dev.ocbridge.adapter.mattermost.ws;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import org.glassfish.tyrus.client.ClientManager;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/** One Tyrus websocket connection, reporting text frames, pongs and its end to a {@link Listener}. */
public final class WebSocketConnection {

    /** What happens on the connection; called on Tyrus' threads. */
    public interface Listener {
        void onText(WebSocketConnection connection, String text);

        void onPong(WebSocketConnection connection);

        /** Called once, however the connection ended. */
        void onClosed(WebSocketConnection connection, String reason);
    }

    private final Listener listener;
    private final AtomicBoolean closedReported = new AtomicBoolean();
    private volatile Session session;

    private WebSocketConnection(Listener listener) {
        this.listener = listener;
    }

    /** Connects (blocking until the upgrade completes or fails). */
    public static WebSocketConnection open(ClientManager client, URI uri, Listener listener) throws IOException {
        WebSocketConnection connection = new WebSocketConnection(listener);
        try {
            connection.session = client.connectToServer(connection.new TyrusEndpoint(),
                    ClientEndpointConfig.Builder.create().build(), uri);
        } catch (DeploymentException e) {
            throw new IOException("websocket connection to " + uri + " failed: " + e.getMessage(), e);
        }
        return connection;
    }

    public void send(String text) {
        Session current = session;
        if (current != null && current.isOpen()) {
            current.getAsyncRemote().sendText(text);
        }
    }

    /** Sends a protocol-level ping; the peer must answer with a pong. */
    public void ping() {
        Session current = session;
        if (current != null && current.isOpen()) {
            try {
                current.getAsyncRemote().sendPing(ByteBuffer.wrap(new byte[]{'p'}));
            } catch (IOException | RuntimeException e) {
                reportClosed("ping failed: " + e.getMessage());
            }
        }
    }

    /** Closes the connection; {@link Listener#onClosed} follows. */
    public void close(String reason) {
        Session current = session;
        try {
            if (current != null && current.isOpen()) {
                current.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, truncate(reason)));
            }
        } catch (IOException | RuntimeException e) {
            // The connection is gone either way; the listener hears about it below.
        }
        reportClosed(reason);
    }

    private void reportClosed(String reason) {
        if (closedReported.compareAndSet(false, true)) {
            listener.onClosed(this, reason);
        }
    }

    private static String truncate(String reason) {
        return reason.length() > 100 ? reason.substring(0, 100) : reason;
    }

    private final class TyrusEndpoint extends Endpoint {
        @Override
        public void onOpen(Session opened, EndpointConfig config) {
            session = opened;
            opened.setMaxTextMessageBufferSize(4 * 1024 * 1024);
            opened.addMessageHandler(String.class, new MessageHandler.Whole<String>() {
                @Override
                public void onMessage(String text) {
                    listener.onText(WebSocketConnection.this, text);
                }
            });
            opened.addMessageHandler(PongMessage.class, new MessageHandler.Whole<PongMessage>() {
                @Override
                public void onMessage(PongMessage pong) {
                    listener.onPong(WebSocketConnection.this);
                }
            });
        }

        @Override
        public void onClose(Session closed, CloseReason reason) {
            reportClosed("closed by the server (" + reason.getCloseCode().getCode() + " "
                    + reason.getReasonPhrase() + ")");
        }

        @Override
        public void onError(Session failed, Throwable error) {
            close("connection failed: " + error);
        }
    }
}
