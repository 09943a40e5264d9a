package dev.ocbridge.adapter.opencode.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code opencode serve} on a free loopback port, configured with a {@code fake} provider that
 * points at a {@link FakeLlm}.
 *
 * <p>Each server gets a HOME of its own ({@link OpenCodeTestHome}); its data starts empty and is kept
 * across {@link #restart()}.
 */
public final class OpenCodeTestServer implements AutoCloseable {

    public static final String LISTENING = "opencode server listening";

    private static final System.Logger LOG = System.getLogger(OpenCodeTestServer.class.getName());
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final int OUTPUT_LINES_KEPT = 200;

    private final Path binary;
    private final String version;
    private final Path directory;
    private final String password;
    private final Map<String, String> extraEnvironment;
    private final int port;
    private final OpenCodeTestHome home;
    private final Deque<String> output = new ArrayDeque<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread shutdownHook = new Thread(this::kill, "opencode-test-server-shutdown");
    private Process process;

    private OpenCodeTestServer(Builder builder, OpenCodeTestHome home) {
        this.binary = builder.installation.binary();
        this.version = builder.installation.version();
        this.directory = builder.directory;
        this.password = builder.password;
        this.extraEnvironment = Map.copyOf(builder.environment);
        this.port = freePort();
        this.home = home;
    }

    public static Builder builder(FakeLlm llm, Path directory) {
        return new Builder(llm, directory);
    }

    /** A server without password for the project directory, with the installation from system properties. */
    public static OpenCodeTestServer start(FakeLlm llm, Path directory) {
        return builder(llm, directory).start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** The server's working directory: the default project directory. */
    public Path directory() {
        return directory;
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The OpenCode version this server runs. */
    public String version() {
        return version;
    }

    public Path home() {
        return home.path();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The last lines the server printed, oldest first. */
    public List<String> output() {
        synchronized (output) {
            return new ArrayList<>(output);
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited after a few seconds. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "opencode :{0} ignored SIGTERM; killing it", Integer.toString(port));
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /** SIGKILL: the server dies mid-work, as in a crash. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops the server if it runs and starts it again on the same port with the same data. */
    public synchronized void restart() {
        stop();
        launch();
    }

    @Override
    public synchronized void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to; it stops nothing that is not already stopped.
        }
        home.close();
    }

    private synchronized void launch() {
        List<String> command = List.of(binary.toString(), "serve", "--port", Integer.toString(port),
                "--hostname", "127.0.0.1");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        OpenCodeTestHome.LEAKING_VARIABLES.forEach(env::remove);
        env.putAll(home.environment());
        if (password != null) {
            env.put("OPENCODE_SERVER_PASSWORD", password);
        }
        env.putAll(extraEnvironment);
        CountDownLatch listening = new CountDownLatch(1);
        Process started;
        try {
            started = builder.start();
            started.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        process = started;
        Thread pump = new Thread(() -> pumpOutput(started, listening), "opencode-" + port + "-output");
        pump.setDaemon(true);
        pump.start();
        awaitReady(started, listening);
    }

    private void pumpOutput(Process running, CountDownLatch listening) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                LOG.log(System.Logger.Level.INFO, "[opencode :{0}] {1}", Integer.toString(port), line);
                synchronized (output) {
                    output.addLast(line);
                    if (output.size() > OUTPUT_LINES_KEPT) {
                        output.removeFirst();
                    }
                }
                if (line.contains(LISTENING)) {
                    listening.countDown();
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "output of opencode :{0} ended: {1}", Integer.toString(port), e.toString());
        }
    }

    private void awaitReady(Process running, CountDownLatch listening) {
        Instant deadline = Instant.now().plus(STARTUP);
        try {
            while (!listening.await(200, TimeUnit.MILLISECONDS)) {
                if (!running.isAlive() || Instant.now().isAfter(deadline)) {
                    throw notReady("did not print '" + LISTENING + "'");
                }
            }
            // A connection arriving just as the port opens can hang forever: probe briefly and retry.
            while (Instant.now().isBefore(deadline)) {
                if (!running.isAlive()) {
                    throw notReady("exited with code " + running.exitValue());
                }
                if (healthy()) {
                    return;
                }
                Thread.sleep(100);
            }
            throw notReady("never answered /global/health");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notReady("interrupted");
        }
    }

    private boolean healthy() throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl().resolve("/global/health"))
                .timeout(Duration.ofMillis(1500));
        if (password != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("opencode:" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"healthy\":true");
        } catch (IOException e) {
            return false;
        }
    }

    private IllegalStateException notReady(String why) {
        kill();
        return new IllegalStateException("opencode serve on port " + port + " " + why + "; last output:\n"
                + String.join("\n", output()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** Settings of a test server; {@link #start()} launches it and waits until it answers. */
    public static final class Builder {
        private final FakeLlm llm;
        private final Path directory;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private OpenCodeInstallation installation = OpenCodeInstallation.fromSystemProperties();
        private String password;

        private Builder(FakeLlm llm, Path directory) {
            this.llm = llm;
            this.directory = directory;
        }

        public Builder installation(OpenCodeInstallation value) {
            this.installation = value;
            return this;
        }

        /** Requires HTTP basic auth (user {@code opencode}) with this password. */
        public Builder password(String value) {
            this.password = value;
            return this;
        }

        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public OpenCodeTestServer start() {
            OpenCodeTestHome home = OpenCodeTestHome.acquire(installation, llm);
            OpenCodeTestServer server;
            try {
                server = new OpenCodeTestServer(this, home);
            } catch (RuntimeException e) {
                home.close();
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            try {
                server.launch();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        }
    }
}
