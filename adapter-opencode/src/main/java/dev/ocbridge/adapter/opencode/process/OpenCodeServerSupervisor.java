package dev.ocbridge.adapter.opencode.process;

import dev.ocbridge.adapter.opencode.Backoff;
import dev.ocbridge.adapter.opencode.rest.HealthWire;
import dev.ocbridge.adapter.opencode.rest.OpenCodeApi;
import dev.ocbridge.adapter.opencode.rest.OpenCodeHttp;
import dev.ocbridge.core.error.UnavailableException;
import retrofit2.Call;
import retrofit2.Response;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code opencode serve} as a child process on a free loopback port and keeps it running: a server
 * that dies, or stops answering {@code /global/health} three checks in a row, is restarted on the same
 * port (so clients keep their URL) after a capped, jittered backoff. Its output goes to our log,
 * prefixed with {@code [opencode]}.
 */
public final class OpenCodeServerSupervisor implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(OpenCodeServerSupervisor.class.getName());
    private static final int FAILED_CHECKS_BEFORE_RESTART = 3;
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(1500);
    private static final Duration STABLE_AFTER = Duration.ofSeconds(30);

    private final OpenCodeProcessSettings settings;
    private final Backoff backoff;
    private final Clock clock;
    private final URI baseUrl;
    private final OpenCodeHttp http;
    private final OpenCodeApi api;
    private final Object lock = new Object();
    private ScheduledExecutorService monitor;
    private Process process;
    private Instant startedAt;
    private int failedChecks;
    private int starts;
    private boolean stopped;

    public OpenCodeServerSupervisor(OpenCodeProcessSettings settings) {
        this(settings, Backoff.standard(), Clock.systemUTC());
    }

    /** Picks the port at once, so {@link #baseUrl()} can be handed out before the server runs. */
    OpenCodeServerSupervisor(OpenCodeProcessSettings settings, Backoff backoff, Clock clock) {
        this.settings = settings;
        this.backoff = backoff;
        this.clock = clock;
        this.baseUrl = URI.create("http://127.0.0.1:" + freePort());
        this.http = new OpenCodeHttp(baseUrl, settings.password());
        this.api = http.api();
    }

    /**
     * Starts the server and waits until it is healthy; from then on it is watched and restarted.
     *
     * @return the server's base URL, e.g. {@code http://127.0.0.1:43123}
     * @throws UnavailableException when it did not become healthy within the startup timeout
     */
    public URI start() {
        synchronized (lock) {
            if (monitor != null) {
                throw new IllegalStateException("already started");
            }
            monitor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "opencode-supervisor");
                thread.setDaemon(true);
                return thread;
            });
        }
        try {
            launch();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        long interval = settings.checkInterval().toMillis();
        monitor.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
        return baseUrl;
    }

    /** Where the server listens (or will), e.g. {@code http://127.0.0.1:43123}. */
    public URI baseUrl() {
        return baseUrl;
    }

    public boolean isRunning() {
        synchronized (lock) {
            return process != null && process.isAlive();
        }
    }

    /** How many times the server was started, the first start included. */
    public int starts() {
        synchronized (lock) {
            return starts;
        }
    }

    /** The process id of the current server, for diagnostics. */
    public long pid() {
        synchronized (lock) {
            if (process == null) {
                throw new IllegalStateException("not running");
            }
            return process.pid();
        }
    }

    /** Stops watching and ends the server: SIGTERM, then SIGKILL after five seconds. */
    public void stop() {
        ScheduledExecutorService watching;
        synchronized (lock) {
            stopped = true;
            watching = monitor;
        }
        if (watching != null) {
            watching.shutdownNow();
        }
        terminate();
        http.close();
    }

    @Override
    public void close() {
        stop();
    }

    private void check() {
        try {
            Process current;
            synchronized (lock) {
                if (stopped) {
                    return;
                }
                current = process;
            }
            if (current == null || !current.isAlive()) {
                String exit = current == null ? "not running" : "exited with code " + current.exitValue();
                LOG.log(System.Logger.Level.WARNING, "opencode serve {0}; restarting", exit);
                restart();
                return;
            }
            if (healthy()) {
                failedChecks = 0;
                if (Duration.between(startedAt, clock.instant()).compareTo(STABLE_AFTER) >= 0) {
                    backoff.reset();
                }
                return;
            }
            failedChecks++;
            LOG.log(System.Logger.Level.WARNING, "opencode serve did not answer its health check ({0} of {1})",
                    failedChecks, FAILED_CHECKS_BEFORE_RESTART);
            if (failedChecks >= FAILED_CHECKS_BEFORE_RESTART) {
                restart();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "supervising opencode serve failed; will check again", e);
        }
    }

    private void restart() {
        terminate();
        Duration delay = backoff.nextDelay();
        LOG.log(System.Logger.Level.INFO, "restarting opencode serve in {0} ms", delay.toMillis());
        try {
            Thread.sleep(delay.toMillis());
            launch();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UnavailableException e) {
            if (!isStopped()) {
                LOG.log(System.Logger.Level.WARNING, "restarting opencode serve failed: {0}", e.getMessage());
            }
        }
    }

    private boolean isStopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    private void launch() {
        int port = baseUrl.getPort();
        ProcessBuilder builder = new ProcessBuilder(List.of(settings.binary(), "serve", "--port",
                Integer.toString(port), "--hostname", "127.0.0.1"))
                .directory(settings.directory().toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.remove("OPENCODE_SERVER_PASSWORD");
        if (settings.password() != null) {
            env.put("OPENCODE_SERVER_PASSWORD", settings.password());
        }
        env.putAll(settings.environment());
        Process started;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            try {
                started = builder.start();
                started.getOutputStream().close();
            } catch (IOException e) {
                throw new UnavailableException("cannot start " + settings.binary() + " in " + settings.directory()
                        + ": " + e.getMessage(), e);
            }
            process = started;
            startedAt = clock.instant();
            failedChecks = 0;
            starts++;
        }
        Thread pump = new Thread(() -> logOutput(started), "opencode-output");
        pump.setDaemon(true);
        pump.start();
        LOG.log(System.Logger.Level.INFO, "started opencode serve (pid {0}) on {1} in {2}",
                Long.toString(started.pid()), baseUrl, settings.directory());
        awaitHealthy(started);
    }

    private void awaitHealthy(Process started) {
        Instant deadline = clock.instant().plus(settings.startupTimeout());
        while (clock.instant().isBefore(deadline)) {
            if (!started.isAlive()) {
                throw new UnavailableException("opencode serve exited with code " + started.exitValue()
                        + " while starting; see the [opencode] lines in the log");
            }
            if (healthy()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnavailableException("interrupted while opencode serve was starting");
            }
        }
        throw new UnavailableException("opencode serve did not answer " + baseUrl + "/global/health within "
                + settings.startupTimeout().toSeconds() + " s");
    }

    /** A short timeout: a connection made just as the port opens can stay unanswered forever. */
    private boolean healthy() {
        Call<HealthWire> call = api.health();
        call.timeout().timeout(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            Response<HealthWire> response = call.execute();
            return response.isSuccessful() && response.body() != null
                    && Boolean.TRUE.equals(response.body().healthy());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void terminate() {
        Process current;
        synchronized (lock) {
            current = process;
            process = null;
        }
        if (current == null || !current.isAlive()) {
            return;
        }
        List<ProcessHandle> children = current.descendants().toList();
        current.destroy();
        try {
            if (!current.waitFor(5, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "opencode serve ignored SIGTERM; killing it");
                current.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.destroyForcibly();
        }
        // Tools the agent started (shells, language servers) must not outlive their server.
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        LOG.log(System.Logger.Level.INFO, "opencode serve stopped");
    }

    private static void logOutput(Process running) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                LOG.log(System.Logger.Level.INFO, "[opencode] {0}", line);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "output of opencode serve ended: {0}", e.toString());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
