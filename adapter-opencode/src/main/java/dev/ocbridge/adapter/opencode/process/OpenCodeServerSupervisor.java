package dev.ocbridge.adapter.opencode.process;

import dev.ocbridge.adapter.opencode.rest.HealthWire;
import dev.ocbridge.adapter.opencode.rest.OpenCodeApi;
import dev.ocbridge.adapter.opencode.rest.OpenCodeHttp;
import dev.ocbridge.adapter.opencode.server.ServerAccess;
import dev.ocbridge.adapter.opencode.server.ServerLocation;
import dev.ocbridge.core.domain.Backoff;
import dev.ocbridge.core.error.UnavailableException;
import retrofit2.Call;
import retrofit2.Response;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Runs {@code opencode serve} as a child process and keeps it running: a server that dies, or stops answering
 * {@code /global/health} three checks in a row, is restarted after a capped, jittered backoff.
 *
 * <p>Every start gets a new loopback port (the address used is the one the server says it listens on, so a
 * process that took the port first never receives a request) and a new random password unless the operator set
 * one; {@link #current()} names them, and is empty while no server is up. The
 * server's environment is the one given in the settings, nothing inherited besides.
 *
 * <p>The server never outlives the bridge: a small reader left behind by the shell that becomes the server ends it
 * when the bridge's end of a pipe closes, which happens however the bridge dies; and the running server is
 * recorded in the pid file, so that the next start stops one that is still there, once it is proven ours. Its
 * output goes to our log, prefixed with {@code [opencode]}.
 */
public final class OpenCodeServerSupervisor implements ServerLocation, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(OpenCodeServerSupervisor.class.getName());
    private static final int FAILED_CHECKS_BEFORE_RESTART = 3;
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(1500);
    private static final Duration STABLE_AFTER = Duration.ofSeconds(30);
    /** The bridge cannot work without its server: it is started again for as long as it takes. */
    private static final Backoff RESTARTS = Backoff.untilItWorks(Duration.ofMillis(500), Duration.ofSeconds(30));
    /**
     * Leaves a small reader of the bridge's pipe behind, then becomes the server ({@code exec}, same process). The
     * bridge holds the pipe's other end and never writes to it; the system closes that end when the bridge exits,
     * even by SIGKILL, and the reader then ends the server ({@code $$} is the server once the shell became it). The
     * server itself keeps neither end.
     */
    private static final String WATCHDOG = "exec 3<&0\n"
            + "{ while read -r _ <&3; do :; done; kill -TERM $$ 2>/dev/null; } &\n"
            + "exec \"$@\" 3<&- </dev/null\n";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OpenCodeProcessSettings settings;
    private final DoubleSupplier random;
    private final Clock clock;
    private final Optional<PidFile> pidFile;
    private final Object lock = new Object();
    private ScheduledExecutorService monitor;
    private Running running;
    private Instant startedAt;
    private int failedChecks;
    private int restartsInARow;
    private boolean restartPending;
    private int starts;
    private boolean stopped;

    public OpenCodeServerSupervisor(OpenCodeProcessSettings settings) {
        this(settings, Math::random, Clock.systemUTC());
    }

    OpenCodeServerSupervisor(OpenCodeProcessSettings settings, DoubleSupplier random, Clock clock) {
        this.settings = settings;
        this.random = random;
        this.clock = clock;
        this.pidFile = Optional.ofNullable(settings.pidFile()).map(PidFile::new);
    }

    /**
     * Stops a server a bridge before this one left running, then starts the server and waits until it is healthy;
     * from then on it is watched and restarted.
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
        URI url;
        try {
            pidFile.ifPresent(OpenCodeServerSupervisor::stopLeftBehind);
            url = launch();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        long interval = settings.checkInterval().toMillis();
        monitor.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
        return url;
    }

    /** Where the server listens and its password; empty while it is starting, restarting or stopped. */
    @Override
    public Optional<ServerAccess> current() {
        synchronized (lock) {
            return running == null || !running.healthy ? Optional.empty() : Optional.of(running.access);
        }
    }

    public boolean isRunning() {
        synchronized (lock) {
            return running != null && running.server.isAlive();
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
            if (running == null) {
                throw new IllegalStateException("not running");
            }
            return running.server.pid();
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
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "OpenCodeServerSupervisor[" + current().map(ServerAccess::toString).orElse("no server") + "]";
    }

    private static void stopLeftBehind(PidFile file) {
        file.read().ifPresent(recorded -> {
            Optional<ProcessHandle> ours = ServerProcesses.stillRunning(recorded);
            if (ours.isPresent()) {
                LOG.log(System.Logger.Level.WARNING, "Stopping opencode serve (pid {0}) that a bridge before this "
                        + "one left running", Long.toString(recorded.pid()));
                if (!ServerProcesses.stop(ours.get())) {
                    throw new UnavailableException("opencode serve (pid " + recorded.pid() + ") left running by a "
                            + "bridge before this one does not stop; stop it before starting the bridge");
                }
            } else if (ProcessHandle.of(recorded.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                LOG.log(System.Logger.Level.INFO, "The pid file {0} names process {1}, which is not a server of "
                        + "ours; leaving it alone", file.path(), Long.toString(recorded.pid()));
            }
        });
        file.delete();
    }

    private void check() {
        try {
            Running current;
            synchronized (lock) {
                if (stopped || restartPending) {
                    return;
                }
                current = running;
            }
            if (current == null || !current.server.isAlive()) {
                LOG.log(System.Logger.Level.WARNING, "opencode serve {0}; restarting",
                        current == null ? "is not running" : "exited");
                restart();
                return;
            }
            if (healthy(current.api)) {
                failedChecks = 0;
                if (Duration.between(startedAt, clock.instant()).compareTo(STABLE_AFTER) >= 0) {
                    restartsInARow = 0;
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

    /** The wait before the next start is the monitor's to schedule; its checks pause until then. */
    private void restart() {
        terminate();
        restartsInARow++;
        Duration delay = RESTARTS.spreadDelayAfter(restartsInARow, random.getAsDouble()).orElseThrow();
        LOG.log(System.Logger.Level.INFO, "restarting opencode serve in {0} ms", delay.toMillis());
        synchronized (lock) {
            if (stopped) {
                return;
            }
            restartPending = true;
            monitor.schedule(this::relaunch, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void relaunch() {
        synchronized (lock) {
            restartPending = false;
        }
        try {
            launch();
        } catch (UnavailableException e) {
            if (!isStopped()) {
                LOG.log(System.Logger.Level.WARNING, "restarting opencode serve failed: {0}", e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "restarting opencode serve failed; will check again", e);
        }
    }

    private boolean isStopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    private URI launch() {
        String password = settings.password() != null ? settings.password() : newSecret(24);
        String mark = HexFormat.of().formatHex(randomBytes(16));
        ProcessBuilder builder = new ProcessBuilder(command())
                .directory(settings.directory().toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment(password, mark));
        ServerOutput output = new ServerOutput(password);
        Process server;
        synchronized (lock) {
            if (stopped) {
                throw new UnavailableException("the supervisor was stopped");
            }
            try {
                server = builder.start();
            } catch (IOException e) {
                throw new UnavailableException("cannot start " + settings.binary() + " in " + settings.directory()
                        + ": " + e.getMessage(), e);
            }
            starts++;
            startedAt = clock.instant();
            failedChecks = 0;
        }
        // A server that ends by itself must not leave the reader behind: closing the pipe at once ends it before
        // the system could give the server's pid to anybody else.
        server.onExit().thenRun(() -> closeQuietly(server));
        Thread pump = new Thread(() -> output.read(server.getInputStream()), "opencode-output");
        pump.setDaemon(true);
        pump.start();
        Running started = awaitStarted(server, output, password);
        boolean stoppedMeanwhile;
        synchronized (lock) {
            stoppedMeanwhile = stopped;
            started.healthy = !stopped;
        }
        if (stoppedMeanwhile) {
            terminate();
            throw new UnavailableException("the supervisor was stopped while opencode serve was starting");
        }
        pidFile.ifPresent(file -> file.write(new RecordedServer(server.pid(), ServerProcesses.startOf(server.toHandle()),
                mark)));
        LOG.log(System.Logger.Level.INFO, "started opencode serve (pid {0}) on {1} in {2}",
                Long.toString(server.pid()), started.access.baseUrl(), settings.directory());
        return started.access.baseUrl();
    }

    /** Waits for the server's address and its first healthy answer; a start that fails leaves nothing running. */
    private Running awaitStarted(Process server, ServerOutput output, String password) {
        Instant deadline = clock.instant().plus(settings.startupTimeout());
        try {
            URI url = output.awaitListening(server, deadline, clock);
            requireLoopback(url);
            Running started = new Running(server, new ServerAccess(url, password));
            synchronized (lock) {
                running = started;
            }
            awaitHealthy(started, deadline);
            return started;
        } catch (RuntimeException e) {
            terminate();
            end(server);
            throw e;
        }
    }

    /**
     * A port free at this moment, another at every start. Given {@code --port 0}, OpenCode 1.18 takes 4096 whenever
     * it is free, the same port every time. Should another process take the port first, the server does not listen
     * there, and only the address it says it listens on is ever used.
     */
    private List<String> command() {
        return List.of("/bin/sh", "-c", WATCHDOG, "opencode-watchdog", settings.binary(), "serve",
                "--port", Integer.toString(freePort()), "--hostname", "127.0.0.1", "--mdns=false");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UnavailableException("no free loopback port for opencode serve: " + e.getMessage(), e);
        }
    }

    /** The settings' environment, with this start's password and mark; a username would lock the bridge out. */
    private Map<String, String> environment(String password, String mark) {
        Map<String, String> env = new HashMap<>(settings.environment());
        env.remove("OPENCODE_SERVER_USERNAME");
        env.put("OPENCODE_SERVER_PASSWORD", password);
        env.put(ServerProcesses.MARK_VARIABLE, mark);
        return env;
    }

    private static void requireLoopback(URI url) {
        try {
            if (!InetAddress.getByName(url.getHost()).isLoopbackAddress()) {
                throw new UnavailableException("opencode serve listens on " + url + ", not on the loopback "
                        + "interface only; refusing to use it");
            }
        } catch (UnknownHostException e) {
            throw new UnavailableException("opencode serve listens on an unknown host: " + url, e);
        }
    }

    private void awaitHealthy(Running started, Instant deadline) {
        while (clock.instant().isBefore(deadline)) {
            if (!started.server.isAlive()) {
                throw new UnavailableException("opencode serve exited while starting; see the [opencode] lines in "
                        + "the log");
            }
            if (healthy(started.api)) {
                return;
            }
            pause(Duration.ofMillis(200));
        }
        throw new UnavailableException("opencode serve did not answer " + started.access.baseUrl()
                + "/global/health within " + settings.startupTimeout().toSeconds() + " s");
    }

    /** A short timeout: a connection made just as the port opens can stay unanswered forever. */
    private static boolean healthy(OpenCodeApi api) {
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
        Running current;
        synchronized (lock) {
            current = running;
            running = null;
        }
        if (current == null) {
            return;
        }
        current.http.close();
        end(current.server);
        pidFile.ifPresent(PidFile::delete);
        LOG.log(System.Logger.Level.INFO, "opencode serve stopped");
    }

    /** The server with everything it started, its pipe reader included; then its pipe, which nobody reads any more. */
    private static void end(Process server) {
        if (server.isAlive() && !ServerProcesses.stop(server.toHandle())) {
            LOG.log(System.Logger.Level.ERROR, "opencode serve (pid {0}) did not stop", Long.toString(server.pid()));
        }
        closeQuietly(server);
    }

    private static void closeQuietly(Process server) {
        try {
            server.getOutputStream().close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the pipe of opencode serve failed: {0}", e.toString());
        }
    }

    private static String newSecret(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while opencode serve was starting");
        }
    }

    /** One start of the server: the process, how to reach it, and the client for its checks. */
    private static final class Running {
        private final Process server;
        private final ServerAccess access;
        private final OpenCodeHttp http;
        private final OpenCodeApi api;
        /** Set once it answered its health check; before that, nobody else is sent to it. */
        private boolean healthy;

        private Running(Process server, ServerAccess access) {
            this.server = server;
            this.access = access;
            this.http = new OpenCodeHttp(ServerLocation.fixed(access));
            this.api = http.api();
        }
    }
}
