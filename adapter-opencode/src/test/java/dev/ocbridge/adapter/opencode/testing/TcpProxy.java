package dev.ocbridge.adapter.opencode.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of a server, for network trouble on demand: drop every connection,
 * refuse new ones for a while, freeze open connections so they go silent without closing, or hold requests or
 * responses of one route for a while, as a slow server would.
 *
 * <p>Requests are recognised by the request line at the start of what one read of a connection brings: the
 * clients in the tests send each request in one write and wait for its response before the next on a kept-alive
 * connection, so every request of a connection is looked at, not only its first.
 */
public final class TcpProxy implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TcpProxy.class.getName());

    private final ServerSocket listener;
    private final int targetPort;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger held = new AtomicInteger();
    private volatile boolean refusing;
    private volatile boolean refusingEventStreams;
    private volatile String refusedRequestPart;
    private volatile List<String> hiddenRoutes = List.of();
    private volatile List<String> notFoundRoutes = List.of();
    private volatile Hold heldRequests = Hold.NONE;
    private volatile Hold heldResponses = Hold.NONE;
    private volatile boolean closed;

    private TcpProxy(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    public static TcpProxy start(int targetPort) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            TcpProxy proxy = new TcpProxy(listener, targetPort);
            daemon("tcp-proxy-accept", proxy::acceptLoop).start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the proxy", e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Connections accepted so far (refused ones included). */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /** Requests and responses held so far (see {@link #holdRequests} and {@link #holdResponses}). */
    public int held() {
        return held.get();
    }

    /** Closes every open connection at once, as a network failure would. */
    public void disconnectAll() {
        links.forEach(Link::close);
        links.clear();
    }

    /** While refusing, new connections are closed as soon as they are accepted. */
    public void refuse(boolean value) {
        refusing = value;
    }

    /**
     * While refusing event streams, a connection that asks for {@code /event} or {@code /global/event} is
     * closed, as a broken stream would be; every other request passes.
     */
    public void refuseEventStreams(boolean value) {
        refusingEventStreams = value;
    }

    /** While set, a connection whose request line contains {@code part} is closed; {@code null} lets all pass. */
    public void refuseRequestsContaining(String part) {
        refusedRequestPart = part;
    }

    /**
     * From now on, requests for paths starting with one of {@code routes} are sent on to a path the server does
     * not have, so it answers as a server without those routes would; none given lets all pass unchanged.
     */
    public void hideRoutes(String... routes) {
        hiddenRoutes = List.of(routes);
    }

    /**
     * From now on, requests for paths starting with one of {@code routes} are answered {@code 404 Not Found} by the
     * proxy itself, as a proxy with a wrong path would; none given lets all pass.
     */
    public void answerNotFound(String... routes) {
        notFoundRoutes = List.of(routes);
    }

    /**
     * From now on, requests with {@code method} for exactly {@code path} (a query aside) reach the server only
     * {@code time} after they came, as a server still loading would take them; a request whose client leaves
     * meanwhile never reaches the server. {@link Duration#ZERO} lets new requests pass at once.
     */
    public void holdRequests(String method, String path, Duration time) {
        heldRequests = new Hold(method + " " + path, time);
    }

    /**
     * From now on, requests with {@code method} for exactly {@code path} (a query aside) reach the server at once,
     * but its response reaches the client only {@code time} later, as if it were lost on the way for a while.
     * {@link Duration#ZERO} lets new responses pass at once.
     */
    public void holdResponses(String method, String path, Duration time) {
        heldResponses = new Hold(method + " " + path, time);
    }

    /** Closes the connections that carry an event stream; the others stay open. */
    public void disconnectEventStreams() {
        links.stream().filter(link -> link.carriesEvents).forEach(Link::close);
    }

    /** The open connections stop passing bytes but stay open: the peer hears nothing. New ones are unaffected. */
    public void freezeOpenConnections() {
        links.forEach(link -> link.frozen = true);
    }

    @Override
    public void close() {
        closed = true;
        disconnectAll();
        try {
            listener.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the proxy: {0}", e.toString());
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                accepted.incrementAndGet();
                if (refusing) {
                    client.close();
                    continue;
                }
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
                Link link = new Link(client, server);
                links.add(link);
                daemon("tcp-proxy-up", () -> link.pump(client, server, true)).start();
                daemon("tcp-proxy-down", () -> link.pump(server, client, false)).start();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.DEBUG, "proxy connection failed: {0}", e.toString());
                }
            }
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Requests whose request line starts with {@code request} and then a space or a query wait {@code time}. */
    private record Hold(String request, Duration time) {
        static final Hold NONE = new Hold("", Duration.ZERO);

        boolean appliesTo(String requestLine) {
            return !time.isZero() && requestLine.startsWith(request)
                    && (requestLine.startsWith(" ", request.length()) || requestLine.startsWith("?", request.length()));
        }
    }

    private final class Link {
        private final Socket client;
        private final Socket server;
        private volatile boolean frozen;
        private volatile boolean carriesEvents;
        /** How long the response to the request just passed on is held; set by the request side. */
        private volatile Duration responseHold = Duration.ZERO;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void pump(Socket from, Socket to, boolean requests) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    while (frozen && !from.isClosed()) {
                        Thread.sleep(50);
                    }
                    if (requests && asksFor(refusedRequestPart, buffer, read)) {
                        return;
                    }
                    if (requests && asksForEvents(buffer, read)) {
                        if (refusingEventStreams) {
                            return;
                        }
                        carriesEvents = true;
                    }
                    if (requests && asksForAny(notFoundRoutes, buffer, read)) {
                        answerNotFound(from);
                        return;
                    }
                    if (requests) {
                        read = afterHold(from, in, buffer, read);
                        if (read < 0) {
                            return;
                        }
                    } else if (!responseHold.isZero()) {
                        Duration hold = responseHold;
                        responseHold = Duration.ZERO;
                        Thread.sleep(hold.toMillis());
                    }
                    byte[] passed = requests ? withoutHiddenRoute(buffer, read) : null;
                    if (passed != null) {
                        out.write(passed);
                    } else {
                        out.write(buffer, 0, read);
                    }
                    out.flush();
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.TRACE, "proxy link ended: {0}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                close();
                links.remove(this);
            }
        }

        /**
         * The request's bytes once its hold is over, with whatever else the client sent meanwhile, or -1 when the
         * client left during the hold. Marks the response to be held when that is asked for.
         */
        private int afterHold(Socket from, InputStream in, byte[] buffer, int length)
                throws IOException, InterruptedException {
            String line = requestLine(buffer, length);
            Hold responses = heldResponses;
            if (responses.appliesTo(line)) {
                responseHold = responses.time();
                held.incrementAndGet();
            }
            Hold hold = heldRequests;
            if (!hold.appliesTo(line)) {
                return length;
            }
            held.incrementAndGet();
            long until = System.nanoTime() + hold.time().toNanos();
            // Reading on during the hold is what notices a client that went away.
            from.setSoTimeout(50);
            try {
                while (System.nanoTime() < until) {
                    if (length == buffer.length) {
                        Thread.sleep(50);
                        continue;
                    }
                    try {
                        int more = in.read(buffer, length, buffer.length - length);
                        if (more < 0) {
                            return -1;
                        }
                        length += more;
                    } catch (SocketTimeoutException e) {
                        // Nothing more came; the hold goes on.
                    }
                }
            } finally {
                from.setSoTimeout(0);
            }
            return length;
        }

        private boolean asksFor(String part, byte[] buffer, int length) {
            if (part == null) {
                return false;
            }
            String start = new String(buffer, 0, Math.min(length, 512), StandardCharsets.US_ASCII);
            int endOfLine = start.indexOf('\r');
            return (endOfLine < 0 ? start : start.substring(0, endOfLine)).contains(part);
        }

        private boolean asksForAny(List<String> routes, byte[] buffer, int length) {
            if (routes.isEmpty()) {
                return false;
            }
            String line = requestLine(buffer, length);
            int path = line.indexOf(' ') + 1;
            return path > 0 && routes.stream().anyMatch(route -> line.startsWith(route, path));
        }

        private static String requestLine(byte[] buffer, int length) {
            String start = new String(buffer, 0, Math.min(length, 2048), StandardCharsets.ISO_8859_1);
            int endOfLine = start.indexOf('\r');
            return endOfLine < 0 ? start : start.substring(0, endOfLine);
        }

        private void answerNotFound(Socket client) throws IOException {
            byte[] body = "404 page not found\n".getBytes(StandardCharsets.US_ASCII);
            OutputStream out = client.getOutputStream();
            out.write(("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        }

        /** The request with a hidden route's path moved elsewhere, or null when it asks for no hidden route. */
        private byte[] withoutHiddenRoute(byte[] buffer, int length) {
            List<String> routes = hiddenRoutes;
            if (routes.isEmpty()) {
                return null;
            }
            String request = new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
            int endOfLine = request.indexOf('\r');
            String line = endOfLine < 0 ? request : request.substring(0, endOfLine);
            int path = line.indexOf(' ') + 1;
            if (path == 0 || routes.stream().noneMatch(route -> line.startsWith(route, path))) {
                return null;
            }
            String moved = request.substring(0, path) + "/hidden-by-the-test-proxy" + request.substring(path);
            return moved.getBytes(StandardCharsets.ISO_8859_1);
        }

        private boolean asksForEvents(byte[] buffer, int length) {
            String start = new String(buffer, 0, Math.min(length, 32), StandardCharsets.US_ASCII);
            return start.startsWith("GET /event") || start.startsWith("GET /global/event");
        }

        void close() {
            try {
                client.close();
                server.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.TRACE, "closing a proxy link: {0}", e.toString());
            }
        }
    }
}
